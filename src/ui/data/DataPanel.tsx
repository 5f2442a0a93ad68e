import { builtInSpec, isUserDataset } from '../../core/config/datasets';
import { chooseUserDataset, importCifarFiles, removeUserDataset } from '../../state/datasets/actions';
import { selectBusy, selectConfig } from '../../state/selectors';
import { useStore } from '../../state/store';
import type { AppState } from '../../state/store';
import { ClassCounts } from './ClassCounts';
import { FilePickButton } from './FilePickButton';
import { OwnImagesImport } from './OwnImagesImport';

const selectData = (s: AppState) => s.data;

/**
 * The data panel: what the chosen dataset is (size, resolution, classes and their counts), and
 * bringing data in: CIFAR-10 binary batch files, or a folder or zip of the user's own images. Every name shown comes from the user's files and is
 * rendered as text by React, never as HTML.
 */
export function DataPanel() {
  const config = useStore(selectConfig);
  const data = useStore(selectData);
  const busy = useStore(selectBusy) || data.importing !== null;
  const builtIn = builtInSpec(config.dataset);
  const user = isUserDataset(config.dataset) ? data.stored.find((d) => d.key === config.dataset) : undefined;

  return (
    <section className="card data-panel" aria-label="Data" data-testid="data-panel">
      <h2>Data</h2>
      {data.missing && (
        <p className="data-panel__missing" role="alert" data-testid="dataset-missing">
          {data.missing === 'cifar10'
            ? 'This link trains on CIFAR-10, which is not imported in this browser. Pick the CIFAR-10 binary batch files below.'
            : `This link trains on the image set ${data.missing}, which is not in this browser: links carry its id, not its images. Import the same folder or zip below with the same size and colour settings; the same images get the same id.`}
        </p>
      )}
      {builtIn && (
        <p className="data-panel__facts" data-testid="dataset-facts">
          {builtIn.label}: {builtIn.height}×{builtIn.width} {builtIn.channels === 3 ? 'RGB' : 'grey'}, {builtIn.classes} classes ({builtIn.classNames.join(', ')}).
        </p>
      )}
      {user && (
        <div data-testid="dataset-facts">
          <p className="data-panel__facts">
            {user.label}: {user.count.toLocaleString('en')} images, {user.height}×{user.width} {user.channels === 3 ? 'RGB' : 'grey'}, {user.classNames.length} class(es).
          </p>
          <ClassCounts names={user.classNames} counts={user.classCounts} />
        </div>
      )}

      <fieldset className="controls__group">
        <legend>Bring your own</legend>
        <FilePickButton
          label="CIFAR-10 batch files…"
          testId="import-cifar"
          accept=".bin"
          multiple
          disabled={busy}
          help="The binary version: data_batch_1.bin … data_batch_5.bin, test_batch.bin (any of them; 10,000 images each, 60,000 at most). They stay in this browser."
          onFiles={(files) => void importCifarFiles(files)}
        />
        <OwnImagesImport disabled={busy} />
      </fieldset>

      {data.importing && <p className="data-panel__status" role="status">{data.importing}</p>}
      {data.message && (
        <p className={data.message.error ? 'knob__error' : 'data-panel__status'} role={data.message.error ? 'alert' : 'status'} data-testid="import-message">
          {data.message.text}
        </p>
      )}
      {data.skipped.length > 0 && (
        <details className="data-panel__skipped" open>
          <summary>Skipped files ({data.skipped.length})</summary>
          <ul data-testid="import-skipped">
            {data.skipped.slice(0, 100).map((s, i) => (
              <li key={i}>{s}</li>
            ))}
            {data.skipped.length > 100 && <li>… and {data.skipped.length - 100} more</li>}
          </ul>
        </details>
      )}

      {data.stored.length > 0 && (
        <div className="data-panel__stored">
          <h3 className="field-label">In this browser</h3>
          <ul>
            {data.stored.map((d) => (
              <li key={d.key} data-testid={`stored-${d.key}`}>
                <span className="data-panel__name">{d.label}</span> <small>({d.key}, {d.count.toLocaleString('en')} images)</small>{' '}
                <button type="button" className="button button--quiet" disabled={busy || config.dataset === d.key} onClick={() => chooseUserDataset(d.key)}>
                  Use
                </button>{' '}
                <button type="button" className="button button--quiet" disabled={busy} onClick={() => void removeUserDataset(d.key)}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
