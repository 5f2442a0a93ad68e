import { fractionKey, LABEL_FRACTIONS } from '../../core/config/evalKnobs';

/**
 * The lecture's opening argument in one picture (SimCLR Fig. 1 of §7's semi-supervised table; BYOL
 * Table 2): accuracy against the share of labels, for the self-supervised encoder and for random
 * init, under the linear probe and under fine-tuning. Fine-tuning from random init is supervised
 * training from scratch on those labels, the supervised line. A line appears only when the run
 * measured all three of its points.
 */
export interface EfficiencyLine {
  key: string;
  name: string;
  color: string;
  dashed: boolean;
  /** Accuracy at 1%, 10%, 100% of the labels, in LABEL_FRACTIONS' order reversed (x ascending). */
  points: { fraction: number; accuracy: number }[];
}

const LINES = [
  { key: 'probeAccuracy', name: 'SSL encoder, linear probe', color: '#2563eb', dashed: false },
  { key: 'baselineProbeAccuracy', name: 'Random init, linear probe', color: '#64748b', dashed: true },
  { key: 'finetuneAccuracy', name: 'SSL encoder, fine-tuned', color: '#16a34a', dashed: false },
  { key: 'baselineFinetuneAccuracy', name: 'Supervised from scratch (random init, fine-tuned)', color: '#dc2626', dashed: true },
] as const;

export function labelEfficiencyLines(final: Readonly<Record<string, number>>): EfficiencyLine[] {
  const fractions = [...LABEL_FRACTIONS].sort((a, b) => Number(a) - Number(b));
  return LINES.flatMap((line) => {
    const points = fractions.map((f) => ({ fraction: Number(f), accuracy: final[fractionKey(line.key, f)] }));
    return points.every((p) => Number.isFinite(p.accuracy)) ? [{ ...line, points }] : [];
  });
}

/** Rows for a chart with one x per fraction and one column per line's key. */
export function labelEfficiencyRows(lines: readonly EfficiencyLine[]): Record<string, number>[] {
  if (lines.length === 0) return [];
  return lines[0].points.map((p, i) => ({ fraction: p.fraction, ...Object.fromEntries(lines.map((l) => [l.key, l.points[i].accuracy])) }));
}
