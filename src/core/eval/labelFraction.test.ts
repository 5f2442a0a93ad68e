import { describe, expect, it } from 'vitest';
import { makeSplits } from '../data/dataset';
import { mulberry32 } from '../random';
import { labelSubset } from './labelFraction';

// 2,000 images, 10 classes of unequal size (class c has weight c + 1), split as the trainer does.
const rng = mulberry32(7);
const labels = Uint8Array.from({ length: 2000 }, () => {
  let u = rng() * 55;
  for (let c = 0; c < 10; c++) if ((u -= c + 1) < 0) return c;
  return 9;
});
const splits = makeSplits(labels.length, { n: 600, probeTrain: 1000, probeTest: 400 }, 3);
const countByClass = (idx: Int32Array) => {
  const n = new Array(10).fill(0);
  idx.forEach((i) => (n[labels[i]] += 1));
  return n;
};

describe('labelSubset (labelFraction)', () => {
  it('100% is probe-train itself', () => {
    expect(labelSubset(splits.probeTrain, labels, 1, 3)).toBe(splits.probeTrain);
  });

  it('is stratified: each class keeps round(f · its count), at least one', () => {
    const full = countByClass(splits.probeTrain);
    for (const f of [0.1, 0.01]) {
      const got = countByClass(labelSubset(splits.probeTrain, labels, f, 3));
      expect(got).toEqual(full.map((n) => Math.max(1, Math.round(f * n))));
    }
  });

  it('is disjoint from probe-test and the unlabelled images, without repeats', () => {
    const sub = labelSubset(splits.probeTrain, labels, 0.1, 3);
    const other = new Set([...splits.probeTest, ...splits.unlabelled]);
    expect(sub.some((i) => other.has(i))).toBe(false);
    expect(new Set(sub).size).toBe(sub.length);
    const inTrain = new Set(splits.probeTrain);
    expect(sub.every((i) => inTrain.has(i))).toBe(true);
  });

  it('is fixed by the seed, another seed draws another subset, and 1% lies inside 10%', () => {
    const a = labelSubset(splits.probeTrain, labels, 0.1, 3);
    expect(labelSubset(splits.probeTrain, labels, 0.1, 3)).toEqual(a);
    expect(labelSubset(splits.probeTrain, labels, 0.1, 4)).not.toEqual(a);
    const ten = new Set(a);
    expect(labelSubset(splits.probeTrain, labels, 0.01, 3).every((i) => ten.has(i))).toBe(true);
  });

  it('refuses a fraction outside (0, 1]', () => {
    expect(() => labelSubset(splits.probeTrain, labels, 0, 3)).toThrow('labelFraction 0 must be in (0, 1]');
  });
});
