import type { ChangeEvent } from 'react';
import { METHOD_SPECS } from '../../core/config/methods';
import { toggleComparison } from '../../state/compare/actions';
import { selectCompareSelected, selectLiveComparable } from '../../state/compare/selectors';
import { LIVE_ID } from '../../state/compare/types';
import { deleteRun, dismissImportErrors, dismissRunsProblem, importRunFile } from '../../state/runs/actions';
import { resumeInterruptedShowingChanges, viewAskingFirst } from '../../state/ask/guards';
import { discardInterrupted } from '../../state/runs/progress';
import { selectSavedRuns, selectSavedRunsInfo, selectViewingId } from '../../state/runs/selectors';
import type { RunSummary } from '../../state/runs/types';
import { selectBusy } from '../../state/selectors';
import { useStore } from '../../state/store';
import { formatPercent } from '../format';
import { Dismissable } from '../notices/Dismissable';
import { PanelBoundary } from '../notices/PanelBoundary';

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A stored time as words; records are validated (db.ts isSavedAt), this is the second line of defence. */
function formatSavedAt(t: number): string {
  return Number.isFinite(new Date(t).getTime()) ? DATE.format(t) : 'at an unknown time';
}

function stepsText(r: RunSummary): string {
  return r.steps === r.totalSteps ? `${r.steps} steps` : `${r.steps} of ${r.totalSteps} steps`;
}

/** The run's final probe accuracy; "no probe" for a run trained without evaluation (train.py --no-eval), which measured none. */
export function SavedRunProbe({ probe }: { probe: number }) {
  if (Number.isNaN(probe)) return <span data-testid="saved-run-probe" data-value="none">no probe</span>;
  return (
    <span>
      probe <strong data-testid="saved-run-probe" data-value={probe}>{formatPercent(probe)}</strong>
    </span>
  );
}

/** The tick that adds a run to the comparison view. */
function CompareTick({ id, checked, name }: { id: string; checked: boolean; name: string }) {
  return (
    <input type="checkbox" className="saved-run__compare" data-testid="compare-tick" checked={checked} aria-label={`Compare ${name}`} title="Compare" onChange={() => toggleComparison(id)} />
  );
}

function SavedRunRow({ run, viewing, busy, compared }: { run: RunSummary; viewing: boolean; busy: boolean; compared: boolean }) {
  const label = METHOD_SPECS[run.method].label;
  const when = formatSavedAt(run.savedAt);
  return (
    <li className={`saved-run${viewing ? ' saved-run--viewing' : ''}`} data-testid="saved-run" data-id={run.id} aria-current={viewing ? 'true' : undefined}>
      <div className="saved-run__main">
        <CompareTick id={run.id} checked={compared} name={`the ${label} run saved ${when}`} />
        <strong className="saved-run__method">{label}</strong>
        <span data-testid="saved-run-steps">{stepsText(run)}</span>
        <SavedRunProbe probe={run.finalProbe} />
        <span className={`saved-run__outcome saved-run__outcome--${run.outcome}`} data-testid="saved-run-outcome">
          {run.outcome}
        </span>
      </div>
      <div className="saved-run__meta">
        <time dateTime={Number.isFinite(new Date(run.savedAt).getTime()) ? new Date(run.savedAt).toISOString() : undefined}>{when}</time> · <span data-testid="saved-run-backend">{run.backend}</span> · seed {run.seed}
      </div>
      <div className="saved-run__buttons">
        <button
          type="button"
          className="button"
          data-testid="view-run"
          disabled={busy || viewing}
          title={busy ? 'Stop or reset the current run first' : undefined}
          aria-label={`${viewing ? 'Showing' : 'View'} the ${label} run saved ${when}`}
          onClick={() => viewAskingFirst(run.id)}
        >
          {viewing ? 'Showing' : 'View'}
        </button>
        <button type="button" className="button button--quiet" data-testid="delete-run" aria-label={`Delete the ${label} run saved ${when}`} onClick={() => void deleteRun(run.id)}>
          Delete
        </button>
      </div>
    </li>
  );
}

/** Runs saved in this browser: view one on the charts, tick some to compare, delete one, or import a run file. */
export function SavedRuns() {
  const runs = useStore(selectSavedRuns);
  const info = useStore(selectSavedRunsInfo);
  const viewingId = useStore(selectViewingId);
  const busy = useStore(selectBusy);
  const compared = useStore(selectCompareSelected);
  const liveComparable = useStore(selectLiveComparable);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (file) await importRunFile(file);
    // Cleared so that choosing the same file again (after fixing it) fires change again.
    input.value = '';
  };

  return (
    <section className="card saved-runs" aria-label="Saved runs" data-testid="saved-runs">
      <h2>Saved runs</h2>
      {info.storageNotice && (
        <p className="saved-runs__notice" data-testid="runs-storage-notice">
          {info.storageNotice}
        </p>
      )}
      {info.problem && (
        <Dismissable className="saved-runs__problem" alert testId="runs-problem" onDismiss={dismissRunsProblem}>
          {info.problem}
        </Dismissable>
      )}
      {info.interrupted && (
        <div className="saved-runs__interrupted" role="status" data-testid="interrupted-run">
          <span>
            Interrupted: the {METHOD_SPECS[info.interrupted.method].label} run at step <strong data-testid="interrupted-step">{info.interrupted.step}</strong> of {info.interrupted.totalSteps}, kept{' '}
            {formatSavedAt(info.interrupted.savedAt)}.
          </span>
          <button type="button" className="button button--primary" data-testid="resume-interrupted" disabled={busy} onClick={resumeInterruptedShowingChanges}>
            Resume
          </button>
          <button type="button" className="button button--quiet" data-testid="discard-interrupted" onClick={() => void discardInterrupted()}>
            Discard
          </button>
        </div>
      )}
      {liveComparable && (
        <label className="saved-runs__live">
          <CompareTick id={LIVE_ID} checked={compared.includes(LIVE_ID)} name="the current run" /> Compare the current run (on the charts)
        </label>
      )}
      {info.status === 'ready' && runs.length === 0 && <p className="saved-runs__empty">Finished runs are saved in this browser.</p>}
      {runs.length > 0 && (
        <ul className="saved-runs__list">
          {runs.map((r) => (
            <PanelBoundary key={r.id} name={`The saved run ${r.id}`} onDelete={() => deleteRun(r.id)} deleteLabel="Delete this saved run">
              <SavedRunRow run={r} viewing={r.id === viewingId} busy={busy} compared={compared.includes(r.id)} />
            </PanelBoundary>
          ))}
        </ul>
      )}
      {info.skipped.length > 0 && (
        <ul className="saved-runs__skipped">
          {info.skipped.map((s) => (
            <li key={s.id} data-testid="skipped-run">
              <span>
                Unreadable saved run <code>{s.id}</code> was skipped: {s.reason}
              </span>
              <button type="button" className="button button--quiet" data-testid="delete-skipped-run" onClick={() => void deleteRun(s.id)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="button saved-runs__import">
        Import run…
        <input type="file" accept=".json,application/json" data-testid="import-run" onChange={onFile} />
      </label>
      {info.importErrors.length > 0 && (
        <div className="saved-runs__errors" role="alert" data-testid="import-error">
          <ul>
            {info.importErrors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
          <button type="button" className="button button--quiet" onClick={dismissImportErrors}>
            Dismiss
          </button>
        </div>
      )}
    </section>
  );
}
