import { aggregateByValue } from '../../core/compare/aggregate';
import { findKnob, knobValue } from '../../core/compare/knobs';
import { differingKnobs } from '../../core/compare/labels';
import type { KnobValue } from '../../core/config/knobs';
import type { SummaryMetric } from '../../state/compare/types';
import type { ComparedRun } from '../../state/compare/selectors';

export interface SummaryPoint {
  /** The knob value as shown (choice knobs) and, for numeric knobs, as a number on the axis. */
  label: string;
  x: number | string;
  mean: number;
  /** [mean − min, max − mean]: recharts' ErrorBar reads the two arms. */
  spread: [number, number];
  runs: number;
}

export interface SweepSummary {
  knob: string;
  numeric: boolean;
  log: boolean;
  points: SummaryPoint[];
  /** Other knobs that differ between the runs (besides seed): they are averaged over, and said so. */
  alsoDiffering: string[];
}

/**
 * The chosen final metric against the swept knob (the first knob other than seed whose value
 * differs between finished runs): mean with min and max over the runs sharing a value (seeds).
 */
export function sweepSummary(runs: readonly ComparedRun[], metric: SummaryMetric): SweepSummary | null {
  const finished = runs.filter((r) => r.record);
  const knobs = differingKnobs(finished.map((r) => r.config)).filter((k) => k !== 'seed');
  if (finished.length < 2 || knobs.length === 0) return null;
  const knob = knobs[0];
  const scoped = finished.map((r) => findKnob(knob, r.config.method));
  const first = scoped.find((k) => k)!.knob;
  const numeric = first.kind === 'number' || first.kind === 'int';
  const groups = aggregateByValue(
    finished.flatMap((r, i) => (scoped[i] ? [{ values: { [knob]: knobValue(r.config, scoped[i]!) as KnobValue }, final: r.record!.final }] : [])),
    knob,
  );
  const points = groups.flatMap((g): SummaryPoint[] => {
    const s = g.stats[metric];
    if (!s) return [];
    const label = typeof g.value === 'boolean' ? (g.value ? 'on' : 'off') : String(g.value);
    return [{ label, x: numeric ? Number(g.value) : label, mean: s.mean, spread: [s.mean - s.min, s.max - s.mean], runs: g.runs }];
  });
  if (numeric) points.sort((a, b) => (a.x as number) - (b.x as number));
  return { knob, numeric, log: numeric && 'log' in first && first.log === true, points, alsoDiffering: knobs.slice(1) };
}
