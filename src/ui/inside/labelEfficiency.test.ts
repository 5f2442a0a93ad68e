import { describe, expect, it } from 'vitest';
import { labelEfficiencyLines, labelEfficiencyRows } from './labelEfficiency';

describe('label-efficiency chart data', () => {
  const final = {
    probeAccuracy1pct: 0.5, probeAccuracy10pct: 0.7, probeAccuracy100pct: 0.8,
    baselineProbeAccuracy1pct: 0.3, baselineProbeAccuracy10pct: 0.45, baselineProbeAccuracy100pct: 0.6,
    finetuneAccuracy1pct: 0.55, finetuneAccuracy10pct: 0.75, finetuneAccuracy100pct: 0.9,
    baselineFinetuneAccuracy1pct: 0.2, baselineFinetuneAccuracy10pct: 0.6,
  };

  it('one line per protocol and start that measured every fraction, x ascending', () => {
    const lines = labelEfficiencyLines(final);
    // Scratch fine-tuning lacks 100%: left out rather than drawn with a hole.
    expect(lines.map((l) => l.key)).toEqual(['probeAccuracy', 'baselineProbeAccuracy', 'finetuneAccuracy']);
    expect(lines[0].points).toEqual([{ fraction: 0.01, accuracy: 0.5 }, { fraction: 0.1, accuracy: 0.7 }, { fraction: 1, accuracy: 0.8 }]);
    expect(labelEfficiencyRows(lines)[1]).toEqual({ fraction: 0.1, probeAccuracy: 0.7, baselineProbeAccuracy: 0.45, finetuneAccuracy: 0.75 });
  });

  it('a run from before fine-tuning and per-fraction baselines has only its probe line; none at all has no rows', () => {
    expect(labelEfficiencyLines({ probeAccuracy1pct: 0.5, probeAccuracy10pct: 0.6, probeAccuracy100pct: 0.7 }).map((l) => l.key)).toEqual(['probeAccuracy']);
    expect(labelEfficiencyRows(labelEfficiencyLines({ probeAccuracy: 0.9 }))).toEqual([]);
  });
});
