import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { multiCropMean, multiCropPairs } from './multiCrop';
import { ntXent } from './ntXent';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('multi-crop pairing of a two-view loss', () => {
  it('symmetric: each pair with a global view once, small crops never with each other', () => {
    expect(multiCropPairs(2, 2, 'symmetric')).toEqual([[0, 1]]);
    expect(multiCropPairs(2, 4, 'symmetric')).toEqual([[0, 1], [0, 2], [0, 3], [1, 2], [1, 3]]);
    expect(multiCropPairs(1, 3, 'symmetric')).toEqual([[0, 1], [0, 2]]);
  });

  it('targeted: every view predicts every global target but its own', () => {
    expect(multiCropPairs(2, 2, 'targeted')).toEqual([[0, 1], [1, 0]]);
    expect(multiCropPairs(2, 3, 'targeted')).toEqual([[0, 1], [0, 2], [1, 0], [1, 2]]);
  });

  it('refuses no globals, more globals than views, or a single view', () => {
    expect(() => multiCropPairs(0, 2, 'symmetric')).toThrow('multi-crop: 0 global views of 2');
    expect(() => multiCropPairs(3, 2, 'targeted')).toThrow('multi-crop: 3 global views of 2');
    expect(() => multiCropPairs(1, 1, 'symmetric')).toThrow('no pair of views');
  });

  it('averages the pair losses: hand-worked values', async () => {
    // Views are the numbers 1, 2, 10 (two global); loss(target, other) = other − target.
    const views = [1, 2, 10].map((v) => tf.scalar(v));
    const diff = (t: tf.Scalar, o: tf.Scalar) => tf.sub(o, t) as tf.Scalar;
    // Symmetric pairs {0,1}, {0,2}, {1,2}: 1, 9, 8 → 6.
    const sym = multiCropMean(views, 2, 'symmetric', diff);
    // Targeted (0→1), (0→2), (1→0), (1→2): 1, 9, −1, 8 → 17/4.
    const tgt = multiCropMean(views, 2, 'targeted', diff);
    expect((await sym.data())[0]).toBeCloseTo(6, 6);
    expect((await tgt.data())[0]).toBeCloseTo(4.25, 6);
    tf.dispose([...views, sym, tgt]);
  });

  it('SimCLR with small crops: every NT-Xent term tends to log(2N − 1) as τ → ∞, so their mean does too', async () => {
    const n = 6;
    const views = [0, 1, 2, 3].map((s) => tf.randomNormal([n, 5], 0, 1, 'float32', s) as tf.Tensor2D);
    const before = tf.memory().numTensors;
    const loss = multiCropMean(views, 2, 'symmetric', (a, b) => ntXent(a, b, 1e6));
    expect((await loss.data())[0]).toBeCloseTo(Math.log(2 * n - 1), 4);
    loss.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(views);
  });
});
