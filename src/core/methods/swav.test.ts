import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sinkhorn } from '../losses';
import { mulberry32 } from '../random';
import type { SwavInstance } from './swav';
import { predictionStats } from './swav/metrics';
import { codesWithQueue } from './swav/queue';
import { firstAndLast, trainSteps } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const QUERY = 'method=swav&prototypes=8&projHidden=16&projDim=8&smallCrops=2&smallSize=10&lr=0.003';

async function rowNorms(t: tf.Tensor2D): Promise<number[]> {
  const n = tf.tidy(() => tf.sqrt(tf.sum(tf.square(t), 1)));
  const v = Array.from(await n.data());
  n.dispose();
  return v;
}

function randomMatrix(rows: number, cols: number, seed: number): tf.Tensor2D {
  const rng = mulberry32(seed);
  return tf.tensor2d(Float32Array.from({ length: rows * cols }, () => rng() * 2 - 1), [rows, cols]);
}

describe('swav', () => {
  it('loss falls over 20 steps, tensors stay flat, prototypes stay unit-norm', async () => {
    const { trainer, losses, tensorCounts } = await trainSteps(`${QUERY}&freezeSteps=0`, 20);
    expect(losses.every(Number.isFinite)).toBe(true);
    const { first, last } = firstAndLast(losses);
    expect(last).toBeLessThan(first);
    expect(new Set(tensorCounts).size).toBe(1);
    const method = trainer.method as SwavInstance;
    for (const n of await rowNorms(method.prototypes as tf.Tensor2D)) expect(n).toBeCloseTo(1, 5);
    trainer.dispose();
  });

  it('keeps the prototypes frozen for freezeSteps', async () => {
    // Same seed, so the same initial prototypes; one run frozen throughout, one never frozen.
    const frozen = await trainSteps(`${QUERY}&freezeSteps=100`, 3);
    const free = await trainSteps(`${QUERY}&freezeSteps=0`, 3);
    const fresh = await trainSteps(`${QUERY}&freezeSteps=100`, 0);
    const [a, b, init] = await Promise.all([frozen, free, fresh].map(async (r) => Array.from(await (r.trainer.method as SwavInstance).prototypes.data())));
    // fresh did one (frozen) warm-up step: its prototypes are the initial ones.
    a.forEach((v, i) => expect(v).toBeCloseTo(init[i], 6));
    expect(Math.max(...b.map((v, i) => Math.abs(v - init[i])))).toBeGreaterThan(1e-4);
    [frozen, free, fresh].forEach((r) => r.trainer.dispose());
  });

  it('fills its queue batch by batch (FIFO), then trains with it', async () => {
    // batch 16, queueLength 40 → 32 (whole batches); starts filling at step 2.
    const { trainer, losses, tensorCounts } = await trainSteps(`${QUERY}&freezeSteps=0&queueLength=40&queueStart=1`, 12);
    const method = trainer.method as SwavInstance;
    expect(method.queues.map((q) => q.shape)).toEqual([[32, 8], [32, 8]]);
    expect(method.queued()).toBe(32);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(new Set(tensorCounts).size).toBe(1);
    // One more step shifts every queue down by one batch.
    const before = await Promise.all(method.queues.map(async (q) => Array.from(await q.data())));
    await trainer.beforeStep();
    trainer.step().dispose();
    const after = await Promise.all(method.queues.map(async (q) => Array.from(await q.data())));
    for (let i = 0; i < 2; i++) {
      expect(after[i].slice(16 * 8)).toEqual(before[i].slice(0, 16 * 8));
      expect(after[i].slice(0, 16 * 8)).not.toEqual(before[i].slice(0, 16 * 8));
      for (const n of await rowNorms(method.queues[i] as tf.Tensor2D)) expect(n).toBeCloseTo(1, 5);
    }
    const metrics = method.extraMetrics!();
    expect((await metrics.queueFill!.data())[0]).toBe(1);
    const usage = (await metrics.prototypeUsage!.data())[0];
    expect(usage).toBeGreaterThan(0);
    expect(usage).toBeLessThanOrEqual(1);
    const h = (await metrics.codeEntropy!.data())[0];
    expect(h).toBeGreaterThan(0);
    expect(h).toBeLessThanOrEqual(Math.log(8) + 1e-5);
    tf.dispose(Object.values(metrics));
    trainer.dispose();
  });
});

describe('codes with a queue', () => {
  it('queue codes are the batch rows of Sinkhorn over queue + batch; each sums to 1', async () => {
    const queue = randomMatrix(12, 5, 7);
    const batch = randomMatrix(4, 5, 8);
    const codes = codesWithQueue(queue, batch, 0.05);
    expect(codes.shape).toEqual([4, 5]);
    const full = sinkhorn(tf.concat([queue, batch], 0), 0.05, 3);
    const tail = tf.slice(full, [12, 0], [4, 5]);
    const [c, t] = [Array.from(await codes.data()), Array.from(await tail.data())];
    c.forEach((v, i) => expect(v).toBeCloseTo(t[i], 6));
    for (let r = 0; r < 4; r++) expect(c.slice(r * 5, r * 5 + 5).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    // The queue changes the codes: equipartition now spans 16 samples, not 4.
    const alone = sinkhorn(batch, 0.05, 3);
    const diff = Math.max(...Array.from(await alone.data()).map((v, i) => Math.abs(v - c[i])));
    expect(diff).toBeGreaterThan(1e-3);
    tf.dispose([queue, batch, codes, full, tail, alone]);
  });
});

describe('prototype metrics', () => {
  it('tell balanced confident assignments from a collapse onto one prototype', async () => {
    const protos = tf.tensor2d([[1, 0], [0, 1]]);
    // Softmax of scores (1, 0) / 0.1: p = (1, e^−10) / (1 + e^−10).
    const a = 1 / (1 + Math.exp(-10));
    const h = -(a * Math.log(a) + (1 - a) * Math.log(1 - a));
    const read = async (z: number[][]) => {
      const zt = tf.tensor2d(z);
      const m = predictionStats(zt, protos, 0.1);
      const v = { codeEntropy: (await m.codeEntropy.data())[0], predictionEntropy: (await m.predictionEntropy.data())[0], prototypeUsage: (await m.prototypeUsage.data())[0] };
      tf.dispose([zt, ...Object.values(m)]);
      return v;
    };
    const balanced = await read([[1, 0], [0, 1]]);
    expect(balanced.codeEntropy).toBeCloseTo(Math.log(2), 5);
    expect(balanced.predictionEntropy).toBeCloseTo(h, 5);
    expect(balanced.prototypeUsage).toBe(1);
    const collapsed = await read([[1, 0], [1, 0]]);
    expect(collapsed.codeEntropy).toBeCloseTo(h, 5);
    expect(collapsed.prototypeUsage).toBe(0.5);
    protos.dispose();
  });
});
