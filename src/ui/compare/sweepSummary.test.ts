import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../core/config/schema';
import type { ComparedRun } from '../../state/compare/selectors';
import { sweepSummary } from './sweepSummary';

const mae = defaultConfig('mae');
function run(params: Partial<Record<string, number | boolean | string>>, seed: number, probe: number, finished = true): ComparedRun {
  const config: ExperimentConfig = { ...mae, seed, params: { ...mae.params, ...params } as ExperimentConfig['params'] };
  const final = { probeAccuracy: probe, knnAccuracy: 0, baselineProbeAccuracy: 0, baselineKnnAccuracy: 0, l2NormalizedStd: 0.1, rankMe: 5, embeddingDim: 64, loss: 1 };
  return { id: `${seed}-${probe}`, label: '', color: '#000', config, history: [], record: finished ? { config, backend: 'wasm', wallSeconds: 1, outcome: 'completed', final, history: [] } : null };
}

describe('sweep summary', () => {
  it('gives mean, min and max over seeds per value of a numeric knob, sorted by value', () => {
    const runs = [run({ maskRatio: 0.75 }, 1, 0.5), run({ maskRatio: 0.75 }, 2, 0.7), run({ maskRatio: 0.25 }, 1, 0.2), run({ maskRatio: 0.25 }, 2, 0.4), run({ maskRatio: 0.25 }, 3, 0.3)];
    const s = sweepSummary(runs, 'probeAccuracy')!;
    expect(s.knob).toBe('maskRatio');
    expect(s.numeric).toBe(true);
    expect(s.points.map((p) => [p.x, p.runs])).toEqual([[0.25, 3], [0.75, 2]]);
    expect(s.points[0].mean).toBeCloseTo(0.3, 12);
    expect(s.points[0].spread[0]).toBeCloseTo(0.1, 12);
    expect(s.points[0].spread[1]).toBeCloseTo(0.1, 12);
    expect(s.points[1].mean).toBeCloseTo(0.6, 12);
    expect(s.alsoDiffering).toEqual([]);
  });

  it('treats a toggle as a choice (bars), and needs two finished runs that differ in a knob besides seed', () => {
    const s = sweepSummary([run({ normPixels: true }, 1, 0.5), run({ normPixels: false }, 1, 0.3)], 'probeAccuracy')!;
    expect(s.numeric).toBe(false);
    expect(s.points.map((p) => p.x)).toEqual(['on', 'off']);
    expect(sweepSummary([run({}, 1, 0.5), run({}, 2, 0.3)], 'probeAccuracy')).toBeNull();
    expect(sweepSummary([run({ maskRatio: 0.5 }, 1, 0.5), run({ maskRatio: 0.25 }, 1, 0.3, false)], 'probeAccuracy')).toBeNull();
  });
});
