import { describe, expect, it } from 'vitest';
import { nmi } from './nmi';

describe('nmi', () => {
  it('matches a hand computation', () => {
    // A = [0,0,0,1,1,1], B = [0,0,1,1,2,2]. H(A) = ln 2. H(B) = ln 3.
    // Joint counts: (0,0)=2, (0,1)=1, (1,1)=1, (1,2)=2; n_a = 3, n_b = 2.
    // I = 2/6·ln(6·2/(3·2)) + 1/6·ln(6/(3·2)) + 1/6·ln(6/(3·2)) + 2/6·ln(6·2/(3·2)) = 2/3·ln 2.
    const expected = ((2 / 3) * Math.log(2)) / Math.sqrt(Math.log(2) * Math.log(3));
    expect(nmi([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(expected, 12);
    // The same value as scikit-learn's normalized_mutual_info_score with average_method="geometric".
    expect(expected).toBeCloseTo(0.52954, 5);
  });

  it('is 1 for the same partition under renamed labels, symmetric, and 0 for independent labellings', () => {
    expect(nmi([0, 0, 1, 1, 2, 2], [7, 7, 3, 3, 5, 5])).toBeCloseTo(1, 12);
    const a = [0, 1, 1, 0, 2, 2, 1];
    const b = [1, 1, 0, 0, 0, 2, 2];
    expect(nmi(a, b)).toBeCloseTo(nmi(b, a), 12);
    // Every (a, b) pair occurs equally often: p(a, b) = p(a) p(b), so I = 0.
    expect(nmi([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0, 12);
  });

  it('handles single-label labellings and rejects mismatched lengths', () => {
    expect(nmi([4, 4, 4], [1, 1, 1])).toBe(1);
    expect(nmi([4, 4, 4], [1, 2, 1])).toBe(0);
    expect(() => nmi([1, 2], [1])).toThrow(/2 and 1/);
  });
});
