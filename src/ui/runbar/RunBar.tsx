import { pause, reset, resume, stop } from '../../state/actions';
import { startAskingFirst } from '../../state/ask/guards';
import { addToQueue } from '../../state/queue/actions';
import { useStore } from '../../state/store';
import { selectConfig, selectProgress, selectRunState, selectStatusMessage } from '../../state/selectors';
import { formatEta, formatRate } from '../format';
import { runButtons } from './runButtons';

/** What the live region says when the run's state changes (not every step: that would drown a screen reader). */
function announcement(state: string, step: number, total: number): string {
  switch (state) {
    case 'loading':
      return 'Run starting.';
    case 'running':
      return `Run started, ${total} steps.`;
    case 'paused':
      return `Paused at step ${step} of ${total}.`;
    case 'stopping':
      return 'Stopping.';
    case 'done':
      return `Run finished at step ${step} of ${total}.`;
    case 'stopped':
      return `Run stopped at step ${step} of ${total}.`;
    case 'error':
      return 'The run ended with an error.';
    default:
      return '';
  }
}

/** Start/pause/resume/stop/reset, the step counter and how fast it moves. */
export function RunBar() {
  const runState = useStore(selectRunState);
  const progress = useStore(selectProgress);
  const config = useStore(selectConfig);
  const hasHistory = useStore((s) => s.history.length > 0);
  const statusMessage = useStore(selectStatusMessage);
  const checkpoint = useStore((s) => s.savedRunsInfo.checkpointCost);
  const can = runButtons(runState, hasHistory);
  const step = progress?.step ?? 0;
  const eta = runState === 'done' ? formatEta(0) : runState === 'running' || runState === 'paused' ? formatEta(progress?.etaSeconds) : formatEta(null);

  const busy = runState === 'running' || runState === 'paused' || runState === 'loading' || runState === 'stopping';
  const onReset = () => {
    // Reset discards a run in progress: ask first (issue 8: it once went without a word).
    if (busy && !window.confirm(`Reset discards the run in progress (step ${step} of ${config.steps}); it will not be saved. Reset anyway?`)) return;
    reset();
  };

  return (
    <section className="card run-bar" aria-label="Run" id="run-bar" tabIndex={-1} data-testid="run-bar">
      <div className="run-bar__buttons">
        <button type="button" className="button button--primary" data-testid="start" disabled={!can.start} onClick={() => startAskingFirst()}>
          Start
        </button>
        <button type="button" className="button" data-testid="add-to-queue" data-group="queue" title="Run this experiment after the ones queued before it" onClick={() => addToQueue()}>
          Add to queue
        </button>
        <button type="button" className="button" data-testid="pause" disabled={!can.pause} onClick={pause}>
          Pause
        </button>
        <button type="button" className="button" data-testid="resume" disabled={!can.resume} onClick={resume}>
          Resume
        </button>
        <button type="button" className="button" data-testid="stop" disabled={!can.stop} onClick={stop}>
          Stop
        </button>
        <button type="button" className="button button--quiet" data-testid="reset" disabled={!can.reset} onClick={onReset}>
          Reset
        </button>
        <span className={`run-state run-state--${runState}`} data-testid="run-state">
          {runState}
        </span>
        <span className="visually-hidden" role="status" data-testid="run-announcement">
          {announcement(runState, step, config.steps)}
        </span>
      </div>
      <div className="run-bar__progress">
        <span className="run-bar__counter">
          step <strong data-testid="step-counter">{`${step} / ${config.steps}`}</strong>
        </span>
        <progress data-testid="progress-bar" aria-label="Training progress" max={config.steps} value={Math.min(step, config.steps)} />
        <span className="run-bar__rate">
          <span data-testid="steps-per-sec">{formatRate(progress?.stepsPerSecond)}</span> steps/s
        </span>
        <span className="run-bar__eta">
          ETA <span data-testid="eta">{eta}</span>
        </span>
      </div>
      {checkpoint && busy && (
        <p className="run-bar__kept" data-testid="checkpoint-note" data-take-ms={checkpoint.takeMs} data-write-ms={checkpoint.writeMs} data-bytes={checkpoint.bytes}>
          Progress kept at step {checkpoint.step} ({(checkpoint.bytes / 1024 / 1024).toFixed(1)} MB): a reload can resume from there.
        </p>
      )}
      {statusMessage && (
        <p className="run-bar__status" data-testid="status-message">
          {statusMessage}
        </p>
      )}
    </section>
  );
}
