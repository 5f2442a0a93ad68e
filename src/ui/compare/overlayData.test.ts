import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../core/train/run';
import { lineKey, overlayRows, pointsPerRun, rawKey, runSeries, sharedMetrics, sharedReferences, valueAt } from './overlayData';
import { compareMetricInfo, REFERENCE_PROBES } from './metricLabels';

const hist = (n: number, f: (s: number) => number, every = 1): HistoryRow[] => Array.from({ length: n }, (_, i) => ({ step: i + 1, loss: f(i + 1), ...(((i + 1) % every === 0) ? { l2NormalizedStd: 0.1 } : {}) }));

describe('overlay data', () => {
  it('puts runs of different lengths on one step axis, each ending at its own last step', () => {
    const a = runSeries(hist(10, (s) => s), 'loss', 0);
    const b = runSeries(hist(4, (s) => -s), 'loss', 0);
    const rows = overlayRows([a, b], false);
    expect(rows.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows.filter((r) => lineKey(1) in r).map((r) => r[lineKey(1)])).toEqual([-1, -2, -3, -4]);
    expect(rows[9][lineKey(0)]).toBe(10);
  });

  it('downsamples 12 long runs to a fixed budget per run, keeping every run’s last point', () => {
    const runs = Array.from({ length: 12 }, (_, i) => runSeries(hist(5000 + i * 10, (s) => s * i), 'loss', 0));
    const rows = overlayRows(runs, false);
    const per = pointsPerRun(12);
    expect(per).toBe(100);
    runs.forEach((_, i) => {
      const drawn = rows.filter((row) => lineKey(i) in row);
      expect(drawn.length).toBe(per);
      expect(drawn[drawn.length - 1].step).toBe(5000 + i * 10);
    });
  });

  it('keeps the raw values beside the smoothed ones when asked', () => {
    const s = runSeries(hist(3, (x) => [4, 2, 8][x - 1]), 'loss', 0.5);
    expect(s.raw).toEqual([4, 2, 8]);
    expect(s.values[1]).toBeCloseTo(8 / 3, 12);
    const rows = overlayRows([s], true);
    expect(rows.map((r) => r[rawKey(0)])).toEqual([4, 2, 8]);
  });

  it('reads a run’s value at any step from its full series', () => {
    const s = runSeries(hist(20, (x) => x * 10, 5), 'l2NormalizedStd', 0);
    expect(s.steps).toEqual([5, 10, 15, 20]);
    expect(valueAt(s, 4)).toBeUndefined();
    expect(valueAt(s, 12)).toBe(0.1);
    const loss = runSeries(hist(20, (x) => x * 10), 'loss', 0);
    expect(valueAt(loss, 7)).toBe(70);
    expect(valueAt(loss, 999)).toBe(200);
  });

  it('lists the extra metrics every run has', () => {
    const a: HistoryRow[] = [{ step: 1, loss: 1, nmi: 0.2, queueFill: 0.5 }];
    const b: HistoryRow[] = [{ step: 1, loss: 1, nmi: 0.3 }];
    expect(sharedMetrics([a, b], new Set(['loss', 'step']))).toEqual(['nmi']);
  });

  it('draws a reference probe once when every run shares it, and not at all when they differ or one lacks it', () => {
    const row0 = (pixel: number, pca: number): HistoryRow => ({ step: 0, probeAccuracy: 0.6, pixelProbeAccuracy: pixel, pcaProbeAccuracy: pca });
    const a: HistoryRow[] = [row0(0.88, 0.785), { step: 10, loss: 1, probeAccuracy: 0.8 }];
    const b: HistoryRow[] = [row0(0.88, 0.842), { step: 10, loss: 1 }];
    expect(sharedReferences([a, b], REFERENCE_PROBES)).toEqual([{ y: 0.88, label: 'raw pixels' }]);
    expect(sharedReferences([a, a], REFERENCE_PROBES)).toEqual([{ y: 0.88, label: 'raw pixels' }, { y: 0.785, label: 'PCA' }]);
    expect(sharedReferences([a, [{ step: 0, probeAccuracy: 0.5 }]], REFERENCE_PROBES)).toEqual([]);
    expect(sharedReferences([], REFERENCE_PROBES)).toEqual([]);
    // Not extra charts of their own.
    expect(sharedMetrics([a, a], new Set(['step', 'loss', 'probeAccuracy', ...REFERENCE_PROBES.map((r) => r.key)]))).toEqual([]);
  });

  it('names the evaluation metrics every run carries instead of showing their keys as method metrics', () => {
    expect(compareMetricInfo('byol', 'probeAccuracy10pct')).toMatchObject({ label: 'Linear probe, 10% of the labels', scale: 'percent' });
    expect(compareMetricInfo('simclr', 'uniformity').label).toBe('Uniformity (t = 2)');
    expect(compareMetricInfo('simclr', 'alignment').label).toBe('Alignment');
    // A method's own metric still comes from its spec; an unknown one keeps its name.
    expect(compareMetricInfo('deepcluster', 'nmi').label).not.toBe('nmi');
    expect(compareMetricInfo('simclr', 'somethingNew').label).toBe('somethingNew');
  });
});
