import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSplits, type ImageDataset } from '../data/dataset';
import { mulberry32 } from '../random';
import { principalComponents, referenceKey, referenceProbes } from './references';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('principal components', () => {
  it('recover a planted 2-D subspace and its variances', async () => {
    // Rows = 3·a·u1 + 1·b·u2 + 0.01 noise in 20 dimensions, a, b standard normal: variances 9 and 1.
    const d = 20;
    const n = 2000;
    const rng = mulberry32(3);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const u1 = Array.from({ length: d }, (_, i) => (i < 4 ? 0.5 : 0));
    const u2 = Array.from({ length: d }, (_, i) => (i >= 4 && i < 8 ? 0.5 : 0));
    const rows = new Float32Array(n * d);
    for (let r = 0; r < n; r++) {
      const [a, b] = [gauss(), gauss()];
      for (let i = 0; i < d; i++) rows[r * d + i] = 5 + 3 * a * u1[i] + b * u2[i] + 0.01 * gauss();
    }
    const x = tf.tensor2d(rows, [n, d]);
    const pca = await principalComponents(x, 2);
    expect(pca.variances[0]).toBeCloseTo(9, 0);
    expect(pca.variances[1]).toBeCloseTo(1, 1);
    const c = await pca.components.array();
    const dot = (u: number[], j: number) => Math.abs(u.reduce((s, v, i) => s + v * c[i][j], 0));
    expect(dot(u1, 0)).toBeGreaterThan(0.999);
    expect(dot(u2, 1)).toBeGreaterThan(0.999);
    expect((await pca.mean.data())[0]).toBeCloseTo(5, 1);
    pca.dispose();
    x.dispose();
    // Fewer rows than dimensions (the product through the data, no d×d covariance): same subspace.
    const few = tf.tensor2d(rows.slice(0, 12 * d), [12, d]);
    const fewPca = await principalComponents(few, 2);
    const f = await fewPca.components.array();
    const fdot = (u: number[], j: number) => Math.abs(u.reduce((s, v, i) => s + v * f[i][j], 0));
    expect(Math.max(fdot(u1, 0), fdot(u1, 1))).toBeGreaterThan(0.99);
    fewPca.dispose();
    few.dispose();
    await expect(principalComponents(tf.zeros([3, 2]) as tf.Tensor2D, 3)).rejects.toThrow(/k = 3 must be in \[1, 2\]/);
  });
});

/**
 * 4×4 images whose class (of 2) is written, faintly, in pixel 0 (value 100 or 140) while the other 15
 * pixels are loud noise (0…255). Every pixel is there for the raw-pixel probe: it separates the
 * classes. PCA-1 keeps one loud noise direction and drops pixel 0: chance. PCA-16 keeps everything.
 */
function faintSignalDataset(count = 1200): ImageDataset {
  const rng = mulberry32(7);
  const pixels = new Uint8Array(count * 16);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 2;
    pixels[i * 16] = labels[i] ? 140 : 100;
    for (let p = 1; p < 16; p++) pixels[i * 16 + p] = Math.floor(rng() * 256);
  }
  return { key: 'synthetic', count, height: 4, width: 4, channels: 1, classes: 2, pixels, labels };
}

describe('reference probes', () => {
  it('raw pixels find a faint class signal; PCA with too few components loses it, with all of them keeps it', async () => {
    const ds = faintSignalDataset();
    const sizes = { seed: 1, n: 600, probeTrain: 300, probeTest: 300, labelFraction: '1' };
    const splits = makeSplits(ds.count, sizes, sizes.seed);
    const one = await referenceProbes(ds, splits, 1, referenceKey(ds, sizes, 1));
    expect(one.pixelProbeAccuracy).toBe(1);
    expect(one.pcaProbeAccuracy).toBeGreaterThan(0.35);
    expect(one.pcaProbeAccuracy).toBeLessThan(0.65);
    const all = await referenceProbes(ds, splits, 16, referenceKey(ds, sizes, 16));
    expect(all.pcaProbeAccuracy).toBe(1);
    // Cached per dataset, split and size: the same promise, no second computation.
    expect(referenceProbes(ds, splits, 16, referenceKey(ds, sizes, 16))).toBe(referenceProbes(ds, splits, 16, referenceKey(ds, sizes, 16)));
  });
});
