import { describe, expect, it } from 'vitest';
import { chartSummary } from './textSummary';

describe('chartSummary: a chart in words', () => {
  const loss = [{ key: 'loss', name: 'loss' }];
  it('names the latest value, its step and the trend of each series', () => {
    const falling = Array.from({ length: 40 }, (_, i) => ({ step: i + 1, loss: 4 - i * 0.05 }));
    expect(chartSummary(falling, loss)).toBe('loss: 2.05 at step 40, falling.');
    const rising = falling.map((r) => ({ ...r, loss: -r.loss }));
    expect(chartSummary(rising, loss)).toBe('loss: -2.05 at step 40, rising.');
    // Last quarter's mean within 2% of the range of the quarter before: flat.
    const flat = Array.from({ length: 40 }, (_, i) => ({ step: i + 1, loss: i < 20 ? 4 - i * 0.1 : 2 + (i % 2) * 0.01 }));
    expect(chartSummary(flat, loss)).toBe('loss: 2.01 at step 40, flat lately.');
  });

  it('says when there is nothing yet, skips non-finite values, no trend under 4 points', () => {
    expect(chartSummary([], loss)).toBe('loss: no values yet.');
    expect(chartSummary([{ step: 0 }, { step: 1, loss: 2 }, { step: 2, loss: NaN }], [...loss, { key: 'rankMe', name: 'RankMe' }])).toBe('loss: 2 at step 1; RankMe: no values yet.');
  });
});
