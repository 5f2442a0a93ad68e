import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyQueue } from './queue';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rows = async (t: tf.Tensor2D) => (await t.array()) as number[][];

describe('KeyQueue', () => {
  it('starts with K random unit keys and no real ones', async () => {
    const q = new KeyQueue(6, 3, 1);
    expect(q.tensor.shape).toEqual([6, 3]);
    expect(q.fill).toBe(0);
    for (const r of await rows(q.tensor)) expect(Math.hypot(...r)).toBeCloseTo(1, 5);
    q.dispose();
  });

  it('is first in, first out: new keys in front, the oldest dropped, fill counts real keys', async () => {
    const q = new KeyQueue(5, 2, 1);
    const init = await rows(q.tensor);
    const a = tf.tensor2d([[1, 0], [0, 1]]);
    q.enqueue(a);
    expect(await rows(q.tensor)).toEqual([[1, 0], [0, 1], ...init.slice(0, 3)]);
    expect(q.fill).toBeCloseTo(2 / 5, 12);
    const b = tf.tensor2d([[-1, 0], [0, -1]]);
    q.enqueue(b);
    q.enqueue(a);
    // Newest first: a, b, a, then the last survivor of the first a batch is gone (5 rows only).
    expect(await rows(q.tensor)).toEqual([[1, 0], [0, 1], [-1, 0], [0, -1], [1, 0]]);
    expect(q.fill).toBe(1);
    tf.dispose([a, b]);
    q.dispose();
  });

  it('a batch at least as large as K replaces the whole queue with its first K keys', async () => {
    const q = new KeyQueue(2, 1, 1);
    const batch = tf.tensor2d([[1], [2], [3]]);
    q.enqueue(batch);
    expect(await rows(q.tensor)).toEqual([[1], [2]]);
    expect(q.fill).toBe(1);
    batch.dispose();
    q.dispose();
  });

  it('leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    const q = new KeyQueue(8, 4, 2);
    const batch = tf.ones([3, 4]) as tf.Tensor2D;
    for (let i = 0; i < 5; i++) q.enqueue(batch);
    batch.dispose();
    q.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
