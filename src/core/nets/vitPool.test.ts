import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVitEncoder } from './vit';
import { maxAbsDiff, pattern } from './vit/testUtil';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tiny = { channels: 1, height: 28, width: 28, patchSize: 7, dim: 8, depth: 2, heads: 2, seed: 3 };

describe('ViT features: [CLS] token or mean of the tokens (pool)', () => {
  it('cls adds one learned D-vector, drawn N(0, 0.02²) as MAE’s cls_token; mean (the default) has none', async () => {
    const mean = createVitEncoder(tiny);
    const cls = createVitEncoder({ ...tiny, pool: 'cls' });
    expect(mean.params.vars.has('clsToken')).toBe(false);
    expect(mean.clsTokens).toBe(0);
    expect(cls.clsTokens).toBe(1);
    expect(cls.params.vars.get('clsToken')!.shape).toEqual([1, 1, 8]);
    expect(cls.params.count() - mean.params.count()).toBe(8);
    // Same seed, same names: every other weight is identical, so pooling is the only difference.
    for (const [name, v] of mean.params.vars) expect(await maxAbsDiff(v, cls.params.vars.get(name)!), name).toBe(0);
    const wide = createVitEncoder({ ...tiny, dim: 512, heads: 4, depth: 1, pool: 'cls' });
    const values = Array.from(await wide.params.vars.get('clsToken')!.data());
    const m = values.reduce((a, v) => a + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
    // 512 draws: the sample std is within ±10% of 0.02 with overwhelming probability (its sd is 0.02/√1022).
    expect(std).toBeGreaterThan(0.018);
    expect(std).toBeLessThan(0.022);
    expect(Math.abs(m)).toBeLessThan(0.005);
    [mean, cls, wide].forEach((v) => v.params.dispose());
  });

  it('cls: B×D features are the [CLS] output; encodeVisible puts it before the K visible tokens', async () => {
    const mean = createVitEncoder(tiny);
    const vit = createVitEncoder({ ...tiny, pool: 'cls' });
    const x = pattern([3, 28, 28, 1]) as tf.Tensor4D;
    expect(vit.apply(x).shape).toEqual([3, 8]);
    expect(vit.encodeVisible(x, Int32Array.from({ length: 3 * 5 }, (_, i) => (i * 3) % 16)).shape).toEqual([3, 6, 8]);
    const all = Int32Array.from({ length: 3 * 16 }, (_, i) => i % 16);
    const encoded = vit.encodeVisible(x, all);
    expect(await maxAbsDiff(tf.squeeze(tf.slice(encoded, [0, 0, 0], [3, 1, 8]), [1]), vit.apply(x))).toBeLessThan(1e-6);
    expect(await maxAbsDiff(vit.pool(encoded), vit.apply(x))).toBe(0);
    // Not the mean of the patch tokens, and not the mean ViT's feature.
    expect(await maxAbsDiff(tf.mean(tf.slice(encoded, [0, 1, 0], [3, 16, 8]), 1), vit.apply(x))).toBeGreaterThan(1e-2);
    expect(await maxAbsDiff(mean.apply(x), vit.apply(x))).toBeGreaterThan(1e-2);
    // mean: pool is the token mean, exactly what apply gives.
    expect(await maxAbsDiff(mean.pool(mean.encodeVisible(x, all)), mean.apply(x))).toBeLessThan(1e-6);
    [mean, vit].forEach((v) => v.params.dispose());
  });

  it('an image’s feature does not depend on its batch, and the [CLS] token gets a gradient through both paths', async () => {
    const vit = createVitEncoder({ ...tiny, pool: 'cls' });
    const x = pattern([4, 28, 28, 1]) as tf.Tensor4D;
    const batch = vit.apply(x);
    for (let i = 0; i < 4; i++) {
      expect(await maxAbsDiff(vit.apply(tf.slice(x, i, 1)), tf.slice(batch, i, 1)), `image ${i}`).toBeLessThan(1e-5);
    }
    const token = vit.params.vars.get('clsToken')!;
    const visible = Int32Array.from([0, 3, 5, 8, 1, 2, 6, 7, 9, 10, 11, 12, 4, 13, 14, 15]);
    const r = pattern([4, 8], 5);
    for (const f of [() => tf.sum(tf.mul(vit.apply(x), r)) as tf.Scalar, () => tf.sum(tf.mul(vit.pool(vit.encodeVisible(x, visible)), r)) as tf.Scalar]) {
      const { grads, value } = tf.variableGrads(f, [token]);
      expect((await tf.norm(grads[token.name]).data())[0]).toBeGreaterThan(1e-5);
      tf.dispose([...Object.values(grads), value]);
    }
    vit.params.dispose();
  });

  it('has no leak with cls: apply, encodeVisible and pool leave the tensor count as it was', () => {
    const vit = createVitEncoder({ ...tiny, pool: 'cls' });
    const x = pattern([2, 28, 28, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const encoded = vit.encodeVisible(x, Int32Array.from([0, 1, 2, 3]));
    tf.dispose([vit.apply(x), vit.pool(encoded), encoded]);
    expect(tf.memory().numTensors).toBe(before);
    vit.params.dispose();
    x.dispose();
  });
});
