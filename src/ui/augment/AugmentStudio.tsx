import { pipelineSource } from '../../core/config/augmentPresets';
import { METHOD_SPECS } from '../../core/config/methods';
import { MAX_PREVIEW_COUNT, MAX_PREVIEW_VIEWS } from '../../worker/protocol';
import { applyMethodPipeline, setStudioSize } from '../../state/actions';
import { datasetChannels } from '../../state/datasets/actions';
import { selectBusy, selectConfig, selectPreview } from '../../state/selectors';
import { useStore, type AppState } from '../../state/store';
import { PreviewCanvas } from '../preview/PreviewCanvas';

const SCALE = 3;
const selectStudio = (s: AppState) => s.data.studio;

function CountSelect({ label, testId, value, max, onChange }: { label: string; testId: string; value: number; max: number; onChange(n: number): void }) {
  return (
    <label>
      {label}{' '}
      <select data-testid={testId} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {Array.from({ length: max }, (_, i) => (
          <option key={i + 1}>{i + 1}</option>
        ))}
      </select>
    </label>
  );
}

/**
 * The augmentation studio: N probe-test images × M views under the current pipeline and seed,
 * regenerated (by the worker, on the device) after every change, and the method's default pipeline
 * for this data one click away. The settings themselves are the Augmentations controls.
 */
export function AugmentStudio() {
  const config = useStore(selectConfig);
  const preview = useStore(selectPreview);
  const studio = useStore(selectStudio);
  const busy = useStore(selectBusy);
  const channels = datasetChannels(config.dataset);
  return (
    <section className="card studio" aria-label="Augmentation studio" data-testid="augment-studio">
      <h2>Augmentation studio</h2>
      <div className="studio__bar">
        <CountSelect label="Images" testId="studio-images" value={studio.images} max={MAX_PREVIEW_COUNT} onChange={(images) => setStudioSize({ images })} />
        <CountSelect label="Views" testId="studio-views" value={studio.views} max={MAX_PREVIEW_VIEWS} onChange={(views) => setStudioSize({ views })} />
        <button type="button" className="button" data-testid="method-pipeline" disabled={busy} onClick={applyMethodPipeline}>
          {METHOD_SPECS[config.method].label}’s default pipeline
        </button>
      </div>
      <p className="knob__help">{pipelineSource(config.method, channels)}</p>
      {preview && (
        <div className="studio__grid" data-testid="studio-grid" style={{ gridTemplateColumns: `repeat(${(preview.samples[0]?.views.length ?? 0) + 1}, max-content)` }}>
          <span className="studio__head">original</span>
          {preview.samples[0]?.views.map((_, v) => (
            <span key={v} className="studio__head">
              view {v + 1}
              {config.aug.asymmetric ? (v % 2 === 0 ? ' (BYOL 1)' : ' (BYOL 2)') : ''}
            </span>
          ))}
          {preview.samples.map((s, i) => [
            <PreviewCanvas key={`o${i}`} pixels={s.original} width={preview.width} height={preview.height} channels={preview.channels} scale={SCALE} label={`image ${i + 1}, original`} />,
            ...s.views.map((v, j) => (
              <PreviewCanvas key={`v${i}-${j}`} pixels={v} width={preview.width} height={preview.height} channels={preview.channels} scale={SCALE} label={`image ${i + 1}, view ${j + 1}`} />
            )),
          ])}
        </div>
      )}
    </section>
  );
}
