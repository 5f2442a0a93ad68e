import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { knnAccuracy } from './knn';
import { linearProbeAccuracy } from './probe';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Gaussian blobs: class c centred at 3·e_c in d dims, unit noise. */
function blobs(n: number, d: number, classes: number, seed: number, noise = 1) {
  const rng = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rng() + 1e-12)) * Math.cos(2 * Math.PI * rng());
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    y.push(c);
    for (let j = 0; j < d; j++) x.push((j === c ? 3 : 0) + noise * gauss());
  }
  return { x: tf.tensor2d(x, [n, d]), y: tf.tensor1d(y, 'int32') };
}

describe('linear probe and kNN', () => {
  it('separable features score near 1, shuffled labels near chance', async () => {
    const train = blobs(300, 8, 4, 1, 0.5);
    const test = blobs(200, 8, 4, 2, 0.5);
    const before = tf.memory().numTensors;
    const probe = linearProbeAccuracy(train.x, train.y, test.x, test.y, { classes: 4 });
    const knn = knnAccuracy(train.x, train.y, test.x, test.y, { classes: 4 });
    expect((await probe.data())[0]).toBeGreaterThan(0.97);
    expect((await knn.data())[0]).toBeGreaterThan(0.97);
    tf.dispose([probe, knn]);
    expect(tf.memory().numTensors).toBe(before);

    // Labels unrelated to features: accuracy must fall to about 1/4.
    const rng = mulberry32(99);
    const shuffled = tf.tensor1d(Array.from({ length: 200 }, () => Math.floor(rng() * 4)), 'int32');
    const chance = linearProbeAccuracy(train.x, train.y, test.x, shuffled, { classes: 4 });
    expect((await chance.data())[0]).toBeLessThan(0.45);
    tf.dispose([chance, shuffled, train.x, train.y, test.x, test.y]);
  });

  it('kNN counts an exact hand-made case', async () => {
    // Train: two points per class on the unit circle; test points sit right next to class 1's.
    const train = tf.tensor2d([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]]);
    const labels = tf.tensor1d([0, 0, 1, 1], 'int32');
    const test = tf.tensor2d([[0.05, 1], [1, 0.02]]);
    const acc = knnAccuracy(train, labels, test, tf.tensor1d([1, 1], 'int32'), { classes: 2, k: 2 });
    expect((await acc.data())[0]).toBeCloseTo(0.5, 6);
    tf.dispose([train, labels, test, acc]);
  });
});
