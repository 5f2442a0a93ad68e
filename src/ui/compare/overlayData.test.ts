import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../core/train/run';
import { lineKey, overlayRows, pointsPerRun, rawKey, runSeries, sharedMetrics, valueAt } from './overlayData';

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
});
