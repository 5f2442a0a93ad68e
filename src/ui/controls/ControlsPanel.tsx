import { useState } from 'react';
import { DATASETS, DATASET_KEYS, isBuiltInDataset, type DatasetKey } from '../../core/config/datasets';
import { GLOBAL_KNOBS } from '../../core/config/globalKnobs';
import { METHOD_SPECS } from '../../core/config/methods';
import { BACKEND_CHOICES, methodKnobs, withDatasetRange, type BackendChoice } from '../../core/config/schema';
import { restoreDefaults, setBackendChoice, setDataset, setGlobal, setParam } from '../../state/actions';
import { useStore } from '../../state/store';
import { selectBusy, selectConfig, selectUserDatasets } from '../../state/selectors';
import { AugmentKnobs } from './AugmentKnobs';

import { KnobField } from './KnobField';
import { Section } from '../section/Section';
import { MethodPicker } from './MethodPicker';

const BACKEND_LABELS: Record<BackendChoice, string> = {
  auto: 'auto (best available)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU (plain JavaScript)',
};

/** Every setting of the experiment, rendered from the knob tables. Locked while a run is going. */
export function ControlsPanel() {
  const config = useStore(selectConfig);
  const busy = useStore(selectBusy);
  // Bumped by Defaults so that fields holding refused text start clean even when a value is unchanged.
  const [generation, setGeneration] = useState(0);
  const [datasetError, setDatasetError] = useState<string | null>(null);
  const knobs = methodKnobs(config.method);
  const userDatasets = useStore(selectUserDatasets);
  const datasetCount = userDatasets.find((d) => d.key === config.dataset)?.count;

  return (
    <section className="card controls" aria-label="Experiment settings">
      {busy && <p className="controls__locked">Settings are locked while a run is going. Stop or reset to change them.</p>}
      <Section title="Method, dataset and backend" testId="section-method">
        <div data-group="method">
          <MethodPicker method={config.method} disabled={busy} />
        </div>

        <div className="controls__pair" data-group="data">
          <div>
            <label className="field-label" htmlFor="dataset-select">
              Dataset
            </label>
            <select
              id="dataset-select"
              data-testid="dataset-select"
              value={config.dataset}
              disabled={busy}
              onChange={(e) => setDatasetError(setDataset(e.target.value as DatasetKey))}
            >
              {DATASET_KEYS.map((k) => (
                <option key={k} value={k}>
                  {DATASETS[k].label}
                </option>
              ))}
              {userDatasets.map((d) => (
                <option key={d.key} value={d.key}>
                  {d.label}
                </option>
              ))}
              {!isBuiltInDataset(config.dataset) && !userDatasets.some((d) => d.key === config.dataset) && (
                <option value={config.dataset}>{config.dataset} (not in this browser)</option>
              )}
            </select>
            {datasetError && <small className="knob__error">{datasetError}</small>}
          </div>
          <div>
            <label className="field-label" htmlFor="backend-select">
              Backend
            </label>
            <select
              id="backend-select"
              data-testid="backend-select"
              title="auto tries WebGPU, then WebGL, then WASM, then CPU"
              value={config.backend}
              disabled={busy} onChange={(e) => setBackendChoice(e.target.value as BackendChoice)}>
              {BACKEND_CHOICES.map((b) => (
                <option key={b} value={b}>
                  {BACKEND_LABELS[b]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </Section>

      <div key={generation}>
        <Section title="Training" group="training" testId="section-training">
          <fieldset className="controls__group">
            <legend>Training</legend>
            {GLOBAL_KNOBS.map((k) => (
              <KnobField key={k.name} knob={withDatasetRange(k, config, datasetCount ?? undefined)} value={config[k.name]} onCommit={(v) => setGlobal(k.name, v)} disabled={busy} />
            ))}
          </fieldset>
        </Section>

        {knobs.length > 0 && (
          <Section title={`${METHOD_SPECS[config.method].label} settings`} group="knobs" testId="section-knobs">
            <fieldset className="controls__group" key={config.method}>
              <legend>{METHOD_SPECS[config.method].label} settings</legend>
              {knobs.map((k) => (
                <KnobField key={k.name} knob={k} value={config.params[k.name]} onCommit={(v) => setParam(k.name, v)} disabled={busy} />
              ))}
            </fieldset>
          </Section>
        )}

        <Section title="Augmentations" group="augment" testId="section-augment">
          <fieldset className="controls__group">
            <legend>Augmentations</legend>
            <AugmentKnobs aug={config.aug} disabled={busy} />
          </fieldset>
        </Section>
      </div>

      <button
        type="button"
        className="button"
        data-testid="defaults"
        disabled={busy}
        onClick={() => {
          restoreDefaults();
          setDatasetError(null);
          setGeneration((g) => g + 1);
        }}
      >
        Defaults
      </button>
    </section>
  );
}
