import { describe, expect, it } from 'vitest';
import { debiasedEma } from './smooth';

describe('de-biased EMA', () => {
  it('matches the recurrence worked by hand', () => {
    // w = 0.5: m1 = 0.5·4 = 2, /(1−0.5) = 4; m2 = 0.5·2 + 0.5·2 = 2, /(1−0.25) = 8/3; m3 = 0.5·2 + 0.5·8 = 5, /(1−0.125) = 40/7.
    const s = debiasedEma([4, 2, 8], 0.5);
    expect(s[0]).toBeCloseTo(4, 12);
    expect(s[1]).toBeCloseTo(8 / 3, 12);
    expect(s[2]).toBeCloseTo(40 / 7, 12);
  });

  it('leaves a constant series constant (no pull towards 0) and weight 0 unchanged', () => {
    for (const v of debiasedEma(Array(50).fill(3), 0.99)) expect(v).toBeCloseTo(3, 10);
    expect(debiasedEma([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });

  it('skips non-finite values', () => {
    const s = debiasedEma([2, NaN, 2], 0.9);
    expect(Number.isNaN(s[1])).toBe(true);
    expect(s[2]).toBeCloseTo(2, 12);
  });
});
