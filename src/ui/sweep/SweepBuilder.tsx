import { useMemo, useState } from 'react';
import { estimateSeconds } from '../../core/compare/estimate';
import { allowedValues, findKnob } from '../../core/compare/knobs';
import { expandSweep, parseSeeds, parseSweepAxes, sweepableKnobNames } from '../../core/compare/sweep';
import type { ExperimentConfig } from '../../core/config/schema';
import { addAllToQueue } from '../../state/queue/actions';
import { selectMeasuredSpeed } from '../../state/queue/selectors';
import { selectConfig } from '../../state/selectors';
import { useStore } from '../../state/store';
import { ShareComparison } from '../compare/ShareComparison';
import { formatEta } from '../format';

/** A first guess at values for a knob: every option of a choice, both states of a toggle, else the current value. */
function defaultValues(config: ExperimentConfig, name: string): string {
  const k = findKnob(name, config.method)?.knob;
  if (!k) return '';
  if (k.kind === 'enum') return k.options.join(',');
  if (k.kind === 'bool') return '1,0';
  return name === 'lr' ? '1e-4..1e-2:3:log' : '';
}

type Expanded = { ok: true; configs: ExperimentConfig[] } | { ok: false; errors: string[] };

function expand(config: ExperimentConfig, knob: string, values: string, seeds: string): Expanded {
  const axes = parseSweepAxes(config, [`${knob}=${values}`]);
  const s: ReturnType<typeof parseSeeds> = seeds.trim() === '' ? { ok: true, seeds: [] } : parseSeeds(seeds);
  const errors = [...(axes.ok ? [] : axes.errors), ...(s.ok ? [] : [s.error])];
  if (!axes.ok || !s.ok) return { ok: false, errors };
  const r = expandSweep(config, { axes: axes.axes, seeds: s.seeds });
  return r.ok ? { ok: true, configs: r.runs.map((x) => x.config) } : r;
}

/**
 * One knob, a list or range of values, and seeds: the cross product from the current experiment,
 * queued in one go. The preview says how many runs and roughly how long, from the measured speed.
 */
export function SweepBuilder() {
  const config = useStore(selectConfig);
  const speed = useStore(selectMeasuredSpeed);
  const names = useMemo(() => sweepableKnobNames([config.method]), [config.method]);
  const [knob, setKnob] = useState('lr');
  const [values, setValues] = useState(defaultValues(config, 'lr'));
  const [seeds, setSeeds] = useState('1');
  const current = names.includes(knob) ? knob : 'lr';
  const spec = findKnob(current, config.method)?.knob;
  const expanded = useMemo(() => (values.trim() ? expand(config, current, values, seeds) : null), [config, current, values, seeds]);
  const configs = expanded?.ok ? expanded.configs : [];
  const seconds = estimateSeconds(configs, speed);

  return (
    <section className="card sweep" aria-label="Sweep" data-testid="sweep-builder">
      <h2>Sweep</h2>
      <div className="sweep__row">
        <label>
          Knob{' '}
          <select
            data-testid="sweep-knob"
            value={current}
            onChange={(e) => {
              setKnob(e.currentTarget.value);
              setValues(defaultValues(config, e.currentTarget.value));
            }}
          >
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Seeds <input type="text" data-testid="sweep-seeds" value={seeds} size={8} onChange={(e) => setSeeds(e.currentTarget.value)} placeholder="1,2,3" />
        </label>
      </div>
      <label className="sweep__values">
        Values <input type="text" data-testid="sweep-values" value={values} onChange={(e) => setValues(e.currentTarget.value)} placeholder="0.25,0.5,0.75 or 0.1..0.9:5 or 1e-4..1e-2:3:log" />
      </label>
      <small className="sweep__hint">
        A list, a range lo..hi:count, or a log range lo..hi:count:log. {spec && `${current} takes ${allowedValues(spec)}.`} Seeds: 1 to 5.
      </small>
      {expanded && !expanded.ok && (
        <ul className="knob__error" role="alert" data-testid="sweep-errors">
          {expanded.errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      {configs.length > 0 && (
        <p className="sweep__preview" data-testid="sweep-preview" data-runs={configs.length}>
          {configs.length} run{configs.length > 1 ? 's' : ''}, {seconds === null ? 'time unknown until a run has been measured' : `roughly ${formatEta(seconds)} of training (probes extra)`}.
        </p>
      )}
      <div className="sweep__buttons">
        <button type="button" className="button button--primary" data-testid="sweep-run" disabled={configs.length === 0} onClick={() => addAllToQueue(configs, true)}>
          Queue and run {configs.length || ''}
        </button>
        <button type="button" className="button" data-testid="sweep-queue" disabled={configs.length === 0} onClick={() => addAllToQueue(configs)}>
          Add to queue
        </button>
      </div>
      <ShareComparison configs={configs} what="this sweep" testId="share-sweep" />
    </section>
  );
}
