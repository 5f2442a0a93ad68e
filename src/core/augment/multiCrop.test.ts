import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { multiCrop, type MultiCropOptions } from './multiCrop';
import { ALL_OFF, ALL_ON, maxAbsDiff, patternImages } from './testUtil';

const OPTS: MultiCropOptions = { globalCrops: 2, globalScale: [0.4, 1], smallCrops: 3, smallSize: 12, smallScale: [0.1, 0.4] };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('multiCrop', () => {
  it('makes 2 full-size global crops and N small ones, in [0, 1]', async () => {
    const x = patternImages(3, 28, 28, 1);
    const v = multiCrop(x, ALL_ON, OPTS, 5);
    expect(v.global.map((t) => t.shape)).toEqual([[3, 28, 28, 1], [3, 28, 28, 1]]);
    expect(v.small.map((t) => t.shape)).toEqual([[3, 12, 12, 1], [3, 12, 12, 1], [3, 12, 12, 1]]);
    for (const t of [...v.global, ...v.small]) {
      const d = await t.data();
      expect(Math.min(...d)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...d)).toBeLessThanOrEqual(1);
    }
    tf.dispose([x, ...v.global, ...v.small]);
  });

  it('is seeded: same seed same crops, another seed other crops, every crop its own', async () => {
    const x = patternImages(4, 28, 28, 1);
    const a = multiCrop(x, ALL_ON, OPTS, 7);
    const b = multiCrop(x, ALL_ON, OPTS, 7);
    const c = multiCrop(x, ALL_ON, OPTS, 8);
    for (let i = 0; i < 2; i++) {
      expect(await maxAbsDiff(a.global[i], b.global[i])).toBe(0);
      expect(await maxAbsDiff(a.global[i], c.global[i])).toBeGreaterThan(0.05);
    }
    for (let i = 0; i < 3; i++) expect(await maxAbsDiff(a.small[i], b.small[i])).toBe(0);
    expect(await maxAbsDiff(a.global[0], a.global[1])).toBeGreaterThan(0.05);
    expect(await maxAbsDiff(a.small[0], a.small[1])).toBeGreaterThan(0.05);
    // More small crops leave the global crops and the first small crops as they were.
    const more = multiCrop(x, ALL_ON, { ...OPTS, smallCrops: 5 }, 7);
    expect(await maxAbsDiff(a.global[1], more.global[1])).toBe(0);
    expect(await maxAbsDiff(a.small[2], more.small[2])).toBe(0);
    tf.dispose([x, ...[a, b, c, more].flatMap((v) => [...v.global, ...v.small])]);
  });

  it('with whole-image crops and no other augmentation: globals are the input, smalls its bilinear resize', async () => {
    const x = patternImages(2, 28, 28, 1);
    const v = multiCrop(x, ALL_OFF, { ...OPTS, globalScale: [1, 1], smallScale: [1, 1] }, 3);
    expect(await maxAbsDiff(v.global[0], x)).toBeLessThan(1e-6);
    // cropAndResize maps the box's end pixels onto the output's end pixels: align-corners resizing.
    const resized = tf.image.resizeBilinear(x, [12, 12], true);
    expect(await maxAbsDiff(v.small[2], resized)).toBeLessThan(1e-5);
    tf.dispose([x, resized, ...v.global, ...v.small]);
  });

  it('small crops see a smaller part of the image than global crops', async () => {
    // A single bright pixel per image: a crop that misses it is black. Small crops (area ≤ 0.2)
    // miss it far more often than global ones (area ≥ 0.9).
    const n = 64;
    const pix = new Float32Array(n * 28 * 28);
    for (let b = 0; b < n; b++) pix[b * 784 + 14 * 28 + 14] = 1;
    const x = tf.tensor4d(pix, [n, 28, 28, 1]);
    const v = multiCrop(x, ALL_OFF, { ...OPTS, globalScale: [0.9, 1], smallScale: [0.05, 0.2] }, 11);
    const hits = async (t: tf.Tensor4D) => {
      const m = tf.tidy(() => tf.sum(tf.cast(tf.greater(tf.max(t, [1, 2, 3]), 0), 'float32')));
      const h = (await m.data())[0];
      m.dispose();
      return h;
    };
    expect(await hits(v.global[0])).toBe(n);
    expect(await hits(v.small[0])).toBeLessThan(n * 0.75);
    tf.dispose([x, ...v.global, ...v.small]);
  });

  it('leaves no tensors behind', () => {
    const x = patternImages(2, 28, 28, 1);
    multiCrop(x, ALL_ON, OPTS, 1).global.forEach((t) => t.dispose()); // warm-up
    const before = tf.memory().numTensors;
    const v = multiCrop(x, ALL_ON, OPTS, 2);
    expect(tf.memory().numTensors).toBe(before + 5);
    tf.dispose([...v.global, ...v.small]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('gives the same crops on wasm as on cpu', async () => {
    const xc = patternImages(3, 28, 28, 1);
    const vc = multiCrop(xc, { ...ALL_ON, blurSigma: 2 }, OPTS, 99);
    const onCpu = await Promise.all([...vc.global, ...vc.small].map(async (t) => (await t.data()).slice()));
    tf.dispose([xc, ...vc.global, ...vc.small]);
    expect(await tf.setBackend('wasm')).toBe(true);
    try {
      const xw = patternImages(3, 28, 28, 1);
      const vw = multiCrop(xw, { ...ALL_ON, blurSigma: 2 }, OPTS, 99);
      const onWasm = await Promise.all([...vw.global, ...vw.small].map((t) => t.data()));
      let worst = 0;
      onCpu.forEach((c, i) => c.forEach((val, j) => { worst = Math.max(worst, Math.abs(val - onWasm[i][j])); }));
      expect(worst).toBeLessThan(1e-4);
      tf.dispose([xw, ...vw.global, ...vw.small]);
    } finally {
      await tf.setBackend('cpu');
    }
  });
});
