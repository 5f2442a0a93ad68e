import { describe, expect, it } from 'vitest';
import { keepSameLists, sameRows } from './stableRows';

describe('sameRows: whether a memoised plot may keep its previous rows', () => {
  const a = { step: 0 };
  const b = { step: 10 };
  const c = { step: 20 };

  it('is true for a re-filtered copy of the same rows', () => {
    expect(sameRows([a, b], [a, b])).toBe(true);
    expect(sameRows([], [])).toBe(true);
  });

  it('is false once a row is appended, or after a restart whose rows are new objects', () => {
    expect(sameRows([a, b], [a, b, c])).toBe(false);
    expect(sameRows([a, b], [{ step: 0 }, { step: 10 }])).toBe(false);
    expect(sameRows([], [a])).toBe(false);
  });
});

describe('keepSameLists', () => {
  const r1 = [{ step: 1 }];
  const r2 = [{ step: 2 }];

  it('returns the previous lists object when every list is unchanged', () => {
    const prev = [r1, r2];
    expect(keepSameLists(prev, [[...r1], [...r2]])).toBe(prev);
  });

  it('keeps the unchanged lists and takes the changed one', () => {
    const prev = [r1, r2];
    const grown = [...r2, { step: 3 }];
    const out = keepSameLists(prev, [[...r1], grown]);
    expect(out).not.toBe(prev);
    expect(out[0]).toBe(r1);
    expect(out[1]).toBe(grown);
  });
});
