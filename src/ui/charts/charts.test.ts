import { describe, expect, it } from 'vitest';
import type { HistoryRow, RunRecord } from '../../core/train/run';
import { formatEta, formatMetric, formatPercent } from '../format';
import { downsample } from './downsample';
import { embeddingDim } from './embeddingDim';
import { seriesStats } from './seriesStats';

describe('downsample', () => {
  it('returns short series untouched', () => {
    const rows = [1, 2, 3];
    expect(downsample(rows, 600)).toBe(rows);
  });

  it('caps long series, keeping the first and the last point in order', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => i);
    const out = downsample(rows, 600);
    expect(out).toHaveLength(600);
    expect(out[0]).toBe(0);
    expect(out.at(-1)).toBe(19_999);
    for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThan(out[i - 1]);
  });
});

describe('embeddingDim', () => {
  it('takes d from the running experiment, then from the finished run, else none', () => {
    const info = { embeddingDim: 8, parameters: 100, extraMetrics: [] };
    const run = { final: { embeddingDim: 32 } } as unknown as RunRecord;
    expect(embeddingDim(info, null)).toBe(8);
    expect(embeddingDim(info, run)).toBe(8);
    expect(embeddingDim(null, run)).toBe(32);
    expect(embeddingDim(null, null)).toBeNull();
  });
});

describe('format', () => {
  it('writes ETA as m:ss and never NaN', () => {
    expect(formatEta(0)).toBe('0:00');
    expect(formatEta(75.4)).toBe('1:15');
    expect(formatEta(4503)).toBe('75:03');
    expect(formatEta(NaN)).toBe('—');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatMetric(Infinity)).toBe('—');
    expect(formatMetric(1.386294)).toBe('1.386');
  });
});

describe('seriesStats', () => {
  it('counts finite values only and keeps the latest', () => {
    const rows: HistoryRow[] = [{ step: 0, probeAccuracy: 0.1 }, { step: 1, loss: 2 }, { step: 2, loss: NaN }, { step: 3, loss: 1.5 }, { step: 4, loss: Infinity }];
    expect(seriesStats(rows, 'loss')).toEqual({ count: 2, latest: 1.5 });
    expect(seriesStats(rows, 'rankMe')).toEqual({ count: 0, latest: undefined });
  });
});
