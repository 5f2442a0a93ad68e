import { formatKnobValue } from '../config/knobs';
import { METHOD_SPECS } from '../config/methods';
import type { ExperimentConfig } from '../config/schema';
import { allKnobs, displayValue, findKnob, knobValue, type ScopedKnob } from './knobs';

/**
 * Knob names whose values differ across a set of experiments, in URL order. A method knob counts
 * when two runs of a method that has it disagree (BYOL's `predictor` means nothing to a MAE run).
 */
export function differingKnobs(configs: readonly ExperimentConfig[]): string[] {
  const names: string[] = [];
  for (const cfg of configs) for (const k of allKnobs(cfg.method)) if (!names.includes(k.knob.name)) names.push(k.knob.name);
  return names.filter((name) => {
    const seen = new Set<string>();
    for (const cfg of configs) {
      const k = findKnob(name, cfg.method);
      if (k) seen.add(formatKnobValue(k.knob, knobValue(cfg, k)));
    }
    return seen.size > 1;
  });
}

function part(cfg: ExperimentConfig, k: ScopedKnob): string {
  return `${k.knob.name} ${displayValue(k.knob, knobValue(cfg, k))}`;
}

/**
 * A name per run made of what sets it apart, e.g. "BYOL · predictor off · ema off": the method's
 * name first, then each differing knob the run has. Runs that would read the same get "#n".
 */
export function runLabels(configs: readonly ExperimentConfig[]): string[] {
  const differing = differingKnobs(configs).filter((n) => n !== 'method');
  const labels = configs.map((cfg) =>
    [
      METHOD_SPECS[cfg.method].label,
      ...differing.flatMap((name) => {
        const k = findKnob(name, cfg.method);
        return k ? [part(cfg, k)] : [];
      }),
    ].join(' · '),
  );
  return labels.map((l, i) => (labels.indexOf(l) !== i || labels.lastIndexOf(l) !== i ? `${l} · #${i + 1}` : l));
}
