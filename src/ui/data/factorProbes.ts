import { factorProbeMetric, SHAPES_FACTORS } from '../../core/config/shapes';
import type { HistoryRow } from '../../core/train/run';

export interface FactorProbeRow {
  factor: string;
  label: string;
  /** Chance level: 1 / number of classes. */
  chance: number;
  /** The probe at random init (step 0). */
  initial: number | null;
  /** The latest probe reading, and its step. */
  latest: number | null;
}

/**
 * The factor-probe table from a run's history: per factor, chance, random init and the latest
 * reading. Empty when the history has no factor probes (every dataset but Shapes).
 */
export function factorProbeTable(history: readonly HistoryRow[]): { step: number | null; rows: FactorProbeRow[] } {
  const value = (row: HistoryRow | undefined, name: string) => {
    const v = row?.[name];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const probed = history.filter((r) => value(r, factorProbeMetric(SHAPES_FACTORS[0].name)) !== null);
  if (probed.length === 0) return { step: null, rows: [] };
  const first = probed.find((r) => r.step === 0);
  const last = probed[probed.length - 1];
  return {
    step: last.step,
    rows: SHAPES_FACTORS.map((f) => ({
      factor: f.name,
      label: f.label,
      chance: 1 / f.classNames.length,
      initial: value(first, factorProbeMetric(f.name)),
      latest: last === first ? null : value(last, factorProbeMetric(f.name)),
    })),
  };
}
