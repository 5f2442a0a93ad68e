import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageDataset } from '../data/dataset';
import { createConvEncoder } from '../nets/convnet';
import { mulberry32 } from '../random';
import { copyEncoder, finetuneAccuracy } from './finetune';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A linearly separable set of 8×8 images: class 0 lights the left half, class 1 the right half, each
 * pixel with uniform noise in [0, 0.4). A linear classifier on raw pixels separates it perfectly
 * (the mean of the left half minus the right half is ≥ 0.6 − 0.4 > 0 for class 0, < 0 for class 1).
 */
function halves(count: number, seed: number): ImageDataset {
  const rng = mulberry32(seed);
  const side = 8;
  const pixels = new Uint8Array(count * side * side);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const c = i % 2;
    labels[i] = c;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const lit = (x < side / 2) === (c === 0);
        pixels[i * side * side + y * side + x] = Math.round(255 * ((lit ? 0.6 : 0) + 0.4 * rng()));
      }
    }
  }
  return { key: 'halves', count, height: side, width: side, channels: 1, classes: 2, pixels, labels };
}

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

describe('fine-tuning protocol', () => {
  it('fine-tunes a random encoder on a linearly separable set past 95%, on a copy, leaking nothing', async () => {
    const ds = halves(400, 1);
    const encoder = createConvEncoder({ channels: 1, width: 4, seed: 3 });
    const before = await Promise.all(encoder.params.list().map((v) => v.data()));
    const tensors = tf.memory().numTensors;
    const acc = await finetuneAccuracy(encoder, ds, range(0, 200), range(200, 400), { classes: 2, steps: 60, learningRate: 0.01, batch: 32, seed: 5 });
    const value = (await acc.data())[0];
    acc.dispose();
    expect(value).toBeGreaterThan(0.95);
    // The SSL encoder the run saves is untouched: fine-tuning trained a copy.
    const after = await Promise.all(encoder.params.list().map((v) => v.data()));
    after.forEach((a, i) => expect(Array.from(a)).toEqual(Array.from(before[i])));
    expect(tf.memory().numTensors).toBe(tensors);
    encoder.params.dispose();
  });

  it('is seeded: the same call gives the same accuracy', async () => {
    const ds = halves(200, 2);
    const encoder = createConvEncoder({ channels: 1, width: 4, seed: 3 });
    const opts = { classes: 2, steps: 0, learningRate: 0.01, batch: 32, seed: 5 };
    const [a, b] = [await finetuneAccuracy(encoder, ds, range(0, 100), range(100, 200), opts), await finetuneAccuracy(encoder, ds, range(0, 100), range(100, 200), opts)];
    const [va, vb] = [(await a.data())[0], (await b.data())[0]];
    expect(va).toBe(vb);
    tf.dispose([a, b]);
    encoder.params.dispose();
  });

  it('with BatchNorm: fine-tuning updates the copy’s running statistics, never the source’s', async () => {
    const ds = halves(200, 4);
    const encoder = createConvEncoder({ channels: 1, width: 4, seed: 3, batchNorm: true });
    const buffers = async () => Promise.all([...encoder.params.buffers.values()].map(async (b) => Array.from(await b.data())));
    const before = await buffers();
    const acc = await finetuneAccuracy(encoder, ds, range(0, 100), range(100, 200), { classes: 2, steps: 30, learningRate: 0.01, batch: 32, seed: 5 });
    expect((await acc.data())[0]).toBeGreaterThan(0.9);
    acc.dispose();
    expect(await buffers()).toEqual(before);
    encoder.params.dispose();
  });

  it('copyEncoder gives equal weights under another name, and a copy that moves alone', async () => {
    const encoder = createConvEncoder({ channels: 1, width: 2, seed: 9 });
    const copy = copyEncoder(encoder, 'copy');
    expect(copy.params.prefix).toBe('copy');
    for (const [name, v] of encoder.params.vars) expect(Array.from(await copy.params.vars.get(name)!.data())).toEqual(Array.from(await v.data()));
    const [name, v] = [...copy.params.vars][0];
    v.assign(tf.zerosLike(v));
    expect(Array.from(await encoder.params.vars.get(name)!.data()).some((x) => x !== 0)).toBe(true);
    encoder.params.dispose();
    copy.params.dispose();
  });
});
