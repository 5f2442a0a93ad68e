import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentBatch, cutout, hueMatrix, randomGrayscale, sampleCropBoxes, saturationHue, solarize, viewAug } from './index';
import { ALL_OFF, NEUTRAL, maxAbsDiff, patternImages } from './testUtil';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const LUMA = [0.299, 0.587, 0.114];
async function values(t: tf.Tensor): Promise<Float32Array> {
  return (await t.data()) as Float32Array;
}
/** Share of samples that differ from the input anywhere. */
async function changedShare(x: tf.Tensor4D, y: tf.Tensor4D): Promise<number> {
  const d = tf.tidy(() => tf.greater(tf.max(tf.abs(tf.sub(x, y)), [1, 2, 3]), 1e-6));
  const v = await d.data();
  d.dispose();
  return Array.from(v, Number).reduce((s, b) => s + b, 0) / v.length;
}

describe('RGB augmentations (format v2)', () => {
  const RGB_ALL: typeof ALL_OFF = {
    ...ALL_OFF, crop: true, flip: true, jitter: true, jitterStrength: 1, jitterP: 0.8, jitterSaturation: 0.8, jitterHue: 0.2,
    gray: true, grayP: 0.2, blur: true, blurSigma: 2, solarize: true, cutout: true, noise: true, cropRatioMin: 0.5, cropRatioMax: 2,
  };

  it('keep shape and [0, 1] range with every op on, are seeded, and the identity at neutral strengths', async () => {
    const x = patternImages(8, 20, 18, 3);
    const a = augmentBatch(x, RGB_ALL, 3);
    expect(a.shape).toEqual([8, 20, 18, 3]);
    const v = await values(a);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThanOrEqual(1);
    const b = augmentBatch(x, RGB_ALL, 3);
    const c = augmentBatch(x, RGB_ALL, 4);
    expect(await maxAbsDiff(a, b)).toBe(0);
    expect(await maxAbsDiff(a, c)).toBeGreaterThan(0.05);
    const n = augmentBatch(x, NEUTRAL, 5);
    expect(await maxAbsDiff(x, n)).toBeLessThan(1e-5);
    tf.dispose([x, a, b, c, n]);
  });

  it('saturation and hue: identity at 0; hue keeps luma; saturation 1 can drain colour', async () => {
    const x = patternImages(16, 8, 8, 3, 0.3, 0.7);
    const same = saturationHue(x, 0, 0, 1);
    expect(await maxAbsDiff(x, same)).toBe(0);
    hueMatrix(0).flat().forEach((v, i) => expect(v).toBeCloseTo([1, 0, 0, 0, 1, 0, 0, 0, 1][i], 12));
    // YIQ rotation leaves Y (luma) alone: on mid-range pixels nothing clips, so luma is kept.
    const turned = saturationHue(x, 0, 0.5, 2);
    const lumaOf = (t: tf.Tensor4D) => tf.sum(tf.mul(t, tf.tensor1d(LUMA)), 3);
    const [l0, l1] = [lumaOf(x), lumaOf(turned)];
    expect(await maxAbsDiff(l0, l1)).toBeLessThan(2e-3);
    expect(await maxAbsDiff(x, turned)).toBeGreaterThan(0.02);
    // Statistical: saturation 1 draws factors in [0, 2]; a sample with a small factor loses most of
    // its channel spread (max − min per pixel).
    const spread = async (t: tf.Tensor4D) => (await values(tf.tidy(() => tf.mean(tf.sub(tf.max(t, 3), tf.min(t, 3)), [1, 2])))).slice();
    const s0 = await spread(x);
    const desat = saturationHue(x, 1, 0, 7);
    const s1 = await spread(desat);
    // Some samples drew f < 0.3: their spread shrinks to under a third.
    expect(Array.from(s1).some((v, i) => v < s0[i] / 3)).toBe(true);
    tf.dispose([x, same, turned, l0, l1, desat]);
  });

  it('random greyscale: p = 1 makes the three channels equal to the luma, p = 0 changes nothing, p = ½ about half', async () => {
    const x = patternImages(6, 5, 5, 3);
    const g = randomGrayscale(x, 1, 9);
    const v = await values(g);
    const xv = await values(x);
    for (let p = 0; p < v.length; p += 3) {
      expect(v[p]).toBeCloseTo(v[p + 1], 6);
      expect(v[p]).toBeCloseTo(v[p + 2], 6);
      expect(v[p]).toBeCloseTo(LUMA[0] * xv[p] + LUMA[1] * xv[p + 1] + LUMA[2] * xv[p + 2], 5);
    }
    const none = randomGrayscale(x, 0, 9);
    expect(await maxAbsDiff(x, none)).toBe(0);
    const many = patternImages(400, 2, 2, 3);
    const half = randomGrayscale(many, 0.5, 10);
    expect(Math.abs((await changedShare(many, half)) - 0.5)).toBeLessThan(0.08);
    tf.dispose([x, g, none, many, half]);
  });

  it('solarize: p = 1 inverts exactly the pixels at or above ½; p = 0 changes nothing', async () => {
    const x = patternImages(4, 6, 6, 3);
    const s = solarize(x, 1, 1);
    const [xv, sv] = [await values(x), await values(s)];
    xv.forEach((v, i) => expect(sv[i]).toBeCloseTo(v >= 0.5 ? 1 - v : v, 6));
    expect(Math.max(...sv)).toBeLessThanOrEqual(0.5 + 1e-6);
    const none = solarize(x, 0, 1);
    expect(await maxAbsDiff(x, none)).toBe(0);
    tf.dispose([x, s, none]);
  });

  it('cutout: a square of the given side filled with the image mean; size 0 changes nothing', async () => {
    const x = patternImages(50, 16, 16, 3);
    const y = cutout(x, 0.25, 1, 3);
    const [xv, yv] = [await values(x), await values(y)];
    const per = 16 * 16 * 3;
    for (let b = 0; b < 50; b++) {
      let mean = 0;
      for (let i = 0; i < per; i++) mean += xv[b * per + i] / per;
      let changedPixels = 0;
      for (let p = 0; p < 256; p++) {
        const o = b * per + p * 3;
        if ([0, 1, 2].some((c) => Math.abs(yv[o + c] - xv[o + c]) > 1e-6)) {
          changedPixels++;
          expect(yv[o]).toBeCloseTo(mean, 5);
        }
      }
      // A 4×4 square, clipped at the border: at most 16 pixels, at least 4 (a corner quarter).
      expect(changedPixels).toBeLessThanOrEqual(16);
      expect(changedPixels).toBeGreaterThanOrEqual(3);
    }
    expect(await maxAbsDiff(x, cutout(x, 0, 1, 3))).toBe(0);
    const half = cutout(x, 0.25, 0.5, 4);
    expect(Math.abs((await changedShare(x, half)) - 0.5)).toBeLessThan(0.2);
    tf.dispose([x, y, half]);
  });

  it('jitter probability: 0 leaves every sample alone, ½ jitters about half of them', async () => {
    const x = patternImages(300, 3, 3, 3);
    const aug = { ...ALL_OFF, jitter: true, jitterStrength: 0.8, jitterSaturation: 0.5, jitterHue: 0.1 };
    const off = augmentBatch(x, { ...aug, jitterP: 0 }, 1);
    expect(await maxAbsDiff(x, off)).toBeLessThan(1e-6);
    const half = augmentBatch(x, { ...aug, jitterP: 0.5 }, 1);
    expect(Math.abs((await changedShare(x, half)) - 0.5)).toBeLessThan(0.08);
    tf.dispose([x, off, half]);
  });

  it('crop aspect ratios stay within the asked range', () => {
    const boxes = sampleCropBoxes(500, 32, 32, 0.1, 0.3, 5, 0, [2, 3]);
    for (let b = 0; b < 500; b++) {
      const [y1, x1, y2, x2] = boxes.subarray(b * 4, b * 4 + 4);
      const ratio = Math.abs(x2 - x1) / (y2 - y1);
      expect(ratio).toBeGreaterThan(2 - 1e-3);
      expect(ratio).toBeLessThan(3 + 1e-3);
    }
  });

  it('greyscale images are left alone by the colour-only ops', async () => {
    const x = patternImages(4, 8, 8, 1);
    const y = augmentBatch(x, { ...ALL_OFF, jitter: true, jitterStrength: 0, jitterSaturation: 1, jitterHue: 0.5, gray: true, grayP: 1 }, 2);
    expect(await maxAbsDiff(x, y)).toBeLessThan(1e-6);
    tf.dispose([x, y]);
  });

  it('BYOL asymmetric views: view 1 always blurred and never solarized, view 2 blur 0.1 and solarize 0.2', () => {
    const aug = { ...ALL_OFF, asymmetric: true, blurP: 0.5, solarizeP: 0.7 };
    expect([viewAug(aug, 0).blurP, viewAug(aug, 0).solarizeP, viewAug(aug, 1).blurP, viewAug(aug, 1).solarizeP]).toEqual([1, 0, 0.1, 0.2]);
    expect(viewAug({ ...aug, asymmetric: false }, 1)).toEqual({ ...aug, asymmetric: false });
  });
});
