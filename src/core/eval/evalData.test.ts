import { describe, expect, it } from 'vitest';
import { makeSplits, type ImageDataset } from '../data/dataset';
import { convertImages, evaluationData } from './evalData';

/** n images of h×w×c whose every pixel holds (image index · 10 + channel) for checking where it went. */
function tagged(key: string, n: number, h: number, w: number, c: number): ImageDataset {
  const pixels = new Uint8Array(n * h * w * c);
  for (let i = 0; i < n; i++) for (let p = 0; p < h * w; p++) for (let k = 0; k < c; k++) pixels[(i * h * w + p) * c + k] = i * 10 + k;
  return { key, count: n, height: h, width: w, channels: c, classes: 3, pixels, labels: Uint8Array.from({ length: n }, (_, i) => i % 3) };
}

describe('evaluation data (evalDataset)', () => {
  const train = tagged('mnist', 20, 4, 4, 1);
  const splits = makeSplits(20, { n: 8, probeTrain: 6, probeTest: 6 }, 5);
  const cfg = { seed: 5, probeTrain: 6, probeTest: 6 };

  it('same: the training dataset and its own probe splits', () => {
    const e = evaluationData({ ...cfg, evalDataset: 'same' }, train, splits);
    expect(e.dataset).toBe(train);
    expect([e.probeTrain, e.probeTest, e.crossDomain]).toEqual([splits.probeTrain, splits.probeTest, false]);
  });

  it('another dataset: its seeded probe splits (the training probe splits when it is the same data), converted, marked cross-domain', () => {
    const other = tagged('fashion-mnist', 12, 4, 4, 1);
    const e = evaluationData({ ...cfg, evalDataset: 'fashion-mnist' }, train, splits, other);
    const s = makeSplits(12, { n: 0, probeTrain: 6, probeTest: 6 }, 5);
    expect(e.crossDomain).toBe(true);
    expect(e.dataset.count).toBe(12);
    // Image k of the evaluation set is image s[k] of the other dataset: its tag says which.
    expect(Array.from(e.probeTrain, (i) => e.dataset.pixels[i * 16] / 10)).toEqual(Array.from(s.probeTrain));
    expect(Array.from(e.probeTest, (i) => e.dataset.pixels[i * 16] / 10)).toEqual(Array.from(s.probeTest));
    expect(Array.from(e.probeTest, (i) => e.dataset.labels[i])).toEqual(Array.from(s.probeTest, (i) => i % 3));
    // Probe splits do not depend on n: "evaluate on mnist" from an mnist run sees the run's probe images.
    const self = evaluationData({ ...cfg, evalDataset: 'mnist' }, train, splits, train);
    expect(self.crossDomain).toBe(false);
    expect(Array.from(self.probeTest, (i) => self.dataset.pixels[i * 16] / 10)).toEqual(Array.from(splits.probeTest));
  });

  it('refuses an evaluation dataset that was not loaded', () => {
    expect(() => evaluationData({ ...cfg, evalDataset: 'shapes' }, train, splits)).toThrow('evalDataset shapes: the evaluation dataset was not loaded (got none)');
  });

  it('converts size and channels: grey to RGB repeats, RGB to grey is BT.601 luma, bilinear resize keeps a flat image flat', () => {
    const rgb = tagged('shapes', 2, 8, 8, 3);
    const grey = convertImages(rgb, Int32Array.from([1]), { height: 4, width: 4, channels: 1 });
    // Image 1 holds R = 10, G = 11, B = 12 everywhere: luma 0.299·10 + 0.587·11 + 0.114·12 = 10.815, rounded 11.
    expect([grey.height, grey.width, grey.channels, grey.count]).toEqual([4, 4, 1, 1]);
    expect(new Set(grey.pixels)).toEqual(new Set([11]));
    const back = convertImages(tagged('mnist', 2, 4, 4, 1), Int32Array.from([1, 0]), { height: 6, width: 6, channels: 3 });
    expect(Array.from(back.pixels.subarray(0, 3))).toEqual([10, 10, 10]);
    expect(back.pixels[6 * 6 * 3]).toBe(0);
    expect(Array.from(back.labels)).toEqual([1, 0]);
  });

  it('resizes by interpolation: a left-to-right ramp 0, 100 becomes 0, 25, 75, 100 at twice the width', () => {
    const ramp: ImageDataset = { key: 'mnist', count: 1, height: 1, width: 2, channels: 1, classes: 1, pixels: Uint8Array.from([0, 100]), labels: Uint8Array.from([0]) };
    // Half-pixel centres: output x maps to (x + 0.5)/2 − 0.5 = −0.25, 0.25, 0.75, 1.25 → clamp → 0, 0.25, 0.75, 1.
    expect(Array.from(convertImages(ramp, Int32Array.from([0]), { height: 1, width: 4, channels: 1 }).pixels)).toEqual([0, 25, 75, 100]);
  });
});
