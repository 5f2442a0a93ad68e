import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { augmentBatch, gaussianBlur, gaussianNoise, colorJitter, randomResizedCrop, rotate90, sampleCropBoxes } from './index';
import { ALL_OFF, ALL_ON, NEUTRAL, maxAbsDiff, patternImages } from './testUtil';

/** The augmentation tests, run once per backend (augment.cpu.test.ts, augment.wasm.test.ts). */
export function augmentSuite(backend: string): void {
  describe(`augment on ${backend}`, () => {
    it('keeps shape and range with everything on', async () => {
      expect(tf.getBackend()).toBe(backend);
      const x = patternImages(6, 28, 28, 1);
      const y = augmentBatch(x, { ...ALL_ON, jitterStrength: 1, noiseStd: 0.5, blurSigma: 2 }, 7);
      expect(y.shape).toEqual([6, 28, 28, 1]);
      expect(y.dtype).toBe('float32');
      const v = await y.data();
      expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...v)).toBeLessThanOrEqual(1);
      tf.dispose([x, y]);
    });

    it('is the identity at neutral strengths and with every toggle off', async () => {
      const x = patternImages(4, 12, 10, 3);
      for (const aug of [NEUTRAL, ALL_OFF]) {
        const y = augmentBatch(x, aug, 123);
        expect(y).not.toBe(x);
        expect(await maxAbsDiff(x, y)).toBeLessThan(1e-5);
        y.dispose();
      }
      x.dispose();
    });

    it('is deterministic under a seed and differs across seeds', async () => {
      const x = patternImages(4, 16, 16, 1);
      const a = augmentBatch(x, ALL_ON, 42);
      const b = augmentBatch(x, ALL_ON, 42);
      const c = augmentBatch(x, ALL_ON, 43);
      expect(await maxAbsDiff(a, b)).toBe(0);
      expect(await maxAbsDiff(a, c)).toBeGreaterThan(0.05);
      // Each op alone also depends on the seed.
      for (const aug of [{ ...ALL_OFF, crop: true }, { ...ALL_OFF, jitter: true }, { ...ALL_OFF, noise: true }]) {
        const p = augmentBatch(x, aug, 1);
        const q = augmentBatch(x, aug, 2);
        expect(await maxAbsDiff(p, q)).toBeGreaterThan(1e-3);
        tf.dispose([p, q]);
      }
      tf.dispose([x, a, b, c]);
    });

    it('flips with flipP = 1 exactly as tf.reverse on the width axis', async () => {
      const x = patternImages(3, 9, 7, 2);
      const y = augmentBatch(x, { ...ALL_OFF, flip: true, flipP: 1 }, 5);
      const r = tf.reverse(x, 2);
      expect(await maxAbsDiff(y, r)).toBeLessThan(1e-6);
      // A flipped crop is the mirror of the same crop unflipped (boxes and flips are separate streams).
      const c0 = randomResizedCrop(x, 6, 0.3, 0.9, 11, 0);
      const c1 = randomResizedCrop(x, 6, 0.3, 0.9, 11, 1);
      const m = tf.reverse(c0, 2);
      expect(await maxAbsDiff(c1, m)).toBeLessThan(1e-5);
      tf.dispose([x, y, r, c0, c1, m]);
    });

    it('crops boxes of the requested area and aspect that never sample outside the image', async () => {
      const [h, w] = [28, 20];
      const boxes = sampleCropBoxes(500, h, w, 0.2, 0.6, 3);
      for (let b = 0; b < 500; b++) {
        const [y1, x1, y2, x2] = boxes.subarray(b * 4, b * 4 + 4);
        for (const v of [y1, x1, y2, x2]) expect(v >= 0 && v <= 1).toBe(true);
        const area = (y2 - y1) * (x2 - x1);
        const ratio = ((x2 - x1) * w) / ((y2 - y1) * h);
        expect(area).toBeGreaterThan(0.2 - 1e-4);
        expect(area).toBeLessThan(0.6 + 1e-4);
        expect(ratio).toBeGreaterThan(3 / 4 - 1e-4);
        expect(ratio).toBeLessThan(4 / 3 + 1e-4);
      }
      // A white image stays white under any crop, flipped or not: no extrapolated black edge.
      // (wasm does write 0s for boxes ending exactly on the edge; crop.ts keeps partial boxes inside.)
      const ones = tf.ones([512, h, w, 1]) as tf.Tensor4D;
      for (const [size, lo, hi] of [[9, 0.05, 1], [h, 0.9, 1], [5, 0.99, 1]]) {
        const crops = randomResizedCrop(ones, size, lo, hi, size, 0.5);
        const white = tf.onesLike(crops);
        expect(await maxAbsDiff(crops, white)).toBeLessThan(1e-5);
        tf.dispose([crops, white]);
      }
      const views = augmentBatch(ones, { ...ALL_OFF, crop: true, cropMin: 0.05, flip: true }, 9);
      expect(await maxAbsDiff(views, ones)).toBeLessThan(1e-5);
      tf.dispose([ones, views]);
    });

    it('rotates 90° counter-clockwise, and four turns are the identity', async () => {
      const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
      const expected: Record<number, number[]> = {
        0: [1, 2, 3, 4, 5, 6, 7, 8, 9],
        1: [3, 6, 9, 2, 5, 8, 1, 4, 7],
        2: [9, 8, 7, 6, 5, 4, 3, 2, 1],
        3: [7, 4, 1, 8, 5, 2, 9, 6, 3],
      };
      for (const k of [0, 1, 2, 3] as const) {
        const r = rotate90(x, k);
        expect(Array.from(await r.data())).toEqual(expected[k]);
        r.dispose();
      }
      const img = patternImages(2, 5, 5, 3);
      let y = img.clone();
      for (let i = 0; i < 4; i++) {
        const next = rotate90(y, 1);
        y.dispose();
        y = next;
      }
      expect(await maxAbsDiff(y, img)).toBe(0);
      const twice = tf.tidy(() => rotate90(rotate90(img, 1), 1));
      const half = rotate90(img, 2);
      expect(await maxAbsDiff(twice, half)).toBe(0);
      tf.dispose([x, img, y, twice, half]);
    });

    it('blurs: constant stays constant, noise loses variance, about half the samples are blurred', async () => {
      const grey = tf.fill([4, 16, 16, 3], 0.3) as tf.Tensor4D;
      const g = gaussianBlur(grey, 2, 1, 1);
      expect(await maxAbsDiff(g, grey)).toBeLessThan(1e-6);

      const noisy = tf.clipByValue(tf.add(0.5, tf.randomNormal([64, 16, 16, 1], 0, 0.1, 'float32', 5)), 0, 1) as tf.Tensor4D;
      const b = gaussianBlur(noisy, 1.5, 2, 1);
      const varOf = (t: tf.Tensor) => tf.tidy(() => tf.moments(t).variance);
      const [v0, v1] = await Promise.all([varOf(noisy), varOf(b)].map(async (t) => { const v = (await t.data())[0]; t.dispose(); return v; }));
      expect(v1).toBeLessThan(0.5 * v0);

      // p = ½ per sample: unblurred samples are bit-identical to the input.
      const half = gaussianBlur(noisy, 1.5, 2);
      const perSample = tf.tidy(() => tf.max(tf.abs(tf.sub(half, noisy)), [1, 2, 3]));
      const d = await perSample.data();
      const untouched = Array.from(d).filter((v) => v === 0).length;
      expect(untouched).toBeGreaterThan(16);
      expect(untouched).toBeLessThan(48);
      // Below σ = 0.1 there is no blur at all.
      const none = augmentBatch(noisy, { ...ALL_OFF, blur: true, blurSigma: 0.05 }, 3);
      expect(await maxAbsDiff(none, noisy)).toBe(0);
      tf.dispose([grey, g, noisy, b, half, perSample, none]);
    });

    it('adds noise of the requested std', async () => {
      const grey = tf.fill([16, 32, 32, 1], 0.5) as tf.Tensor4D;
      const y = gaussianNoise(grey, 0.1, 77);
      const { mean, variance } = tf.moments(y);
      expect((await mean.data())[0]).toBeCloseTo(0.5, 2);
      expect(Math.sqrt((await variance.data())[0])).toBeCloseTo(0.1, 2);
      const viaAugment = augmentBatch(grey, { ...ALL_OFF, noise: true, noiseStd: 0.1 }, 77);
      const sd = tf.tidy(() => tf.sqrt(tf.moments(viaAugment).variance));
      expect((await sd.data())[0]).toBeGreaterThan(0.09);
      expect((await sd.data())[0]).toBeLessThan(0.11);
      tf.dispose([grey, y, mean, variance, viaAugment, sd]);
    });

    it('jitters contrast within [1 − s, 1 + s] and brightness within ±0.8·s', async () => {
      const s = 0.3;
      // Values in [0.4, 0.6]: the largest excursion 0.5 ± (0.1·1.3 + 0.24) stays inside [0, 1], no clipping.
      const x = patternImages(64, 12, 12, 1, 0.4, 0.6);
      const y = colorJitter(x, s, 8);
      const stats = (t: tf.Tensor) => tf.tidy(() => { const m = tf.moments(t, [1, 2, 3]); return [m.mean, tf.sqrt(m.variance)]; });
      const [m0, s0] = stats(x);
      const [m1, s1] = stats(y);
      const [mean0, sd0, mean1, sd1] = await Promise.all([m0, s0, m1, s1].map((t) => t.data()));
      const ratios: number[] = [];
      for (let b = 0; b < 64; b++) {
        const ratio = sd1[b] / sd0[b];
        ratios.push(ratio);
        expect(ratio).toBeGreaterThanOrEqual(1 - s - 1e-4);
        expect(ratio).toBeLessThanOrEqual(1 + s + 1e-4);
        expect(Math.abs(mean1[b] - mean0[b])).toBeLessThanOrEqual(0.8 * s + 1e-4);
      }
      // The factors actually spread over the range.
      expect(Math.min(...ratios)).toBeLessThan(0.85);
      expect(Math.max(...ratios)).toBeGreaterThan(1.15);
      tf.dispose([x, y, m0, s0, m1, s1]);
    });

    it('leaks no tensors', async () => {
      const x = patternImages(4, 16, 16, 3);
      augmentBatch(x, ALL_ON, 0).dispose(); // warm-up: kernels may cache
      const before = tf.memory().numTensors;
      for (const aug of [ALL_ON, ALL_OFF, NEUTRAL, { ...ALL_ON, blurSigma: 3, flipP: 1 }]) {
        augmentBatch(x, aug, 1).dispose();
      }
      randomResizedCrop(x, 8, 0.1, 0.5, 2, 0.5).dispose();
      for (const k of [0, 1, 2, 3] as const) rotate90(x, k).dispose();
      gaussianBlur(x, 2, 3).dispose();
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
    });
  });
}
