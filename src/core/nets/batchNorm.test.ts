import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainSteps } from '../methods/testing';
import { gatherFloat } from '../data/dataset';
import { createBatchNorm2d, whileTraining } from './batchNorm';
import { createConvEncoder } from './convnet';
import { ParamSet } from './params';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('encoder BatchNorm', () => {
  it('normalises with batch statistics while training and updates running averages as PyTorch (momentum 0.1, unbiased variance)', async () => {
    const p = new ParamSet('bn-test', 1);
    const bn = createBatchNorm2d(p, 'bn0', 2);
    // Channel 0 holds 1, 2, 3, 6; channel 1 holds 10 four times (zero variance).
    const x = tf.tensor4d([1, 10, 2, 10, 3, 10, 6, 10], [2, 1, 2, 2]);
    const y = await whileTraining(() => bn.apply(x)).data();
    const mean = 3;
    const biasedVar = (4 + 1 + 0 + 9) / 4;
    [1, 2, 3, 6].forEach((v, i) => expect(y[2 * i]).toBeCloseTo((v - mean) / Math.sqrt(biasedVar + 1e-5), 5));
    [0, 1, 2, 3].forEach((i) => expect(y[2 * i + 1]).toBeCloseTo(0, 5));
    const runningMean = await p.buffers.get('bn0.runningMean')!.data();
    const runningVar = await p.buffers.get('bn0.runningVar')!.data();
    expect(runningMean[0]).toBeCloseTo(0.9 * 0 + 0.1 * mean, 6);
    expect(runningMean[1]).toBeCloseTo(0.1 * 10, 6);
    expect(runningVar[0]).toBeCloseTo(0.9 * 1 + 0.1 * (biasedVar * 4) / 3, 6);
    expect(runningVar[1]).toBeCloseTo(0.9, 6);
    // Outside training: the running averages, nothing updated.
    const z = await bn.apply(x).data();
    expect(z[0]).toBeCloseTo((1 - runningMean[0]) / Math.sqrt(runningVar[0] + 1e-5), 5);
    expect(await p.buffers.get('bn0.runningMean')!.data()).toEqual(runningMean);
    // γ, β are trained; the running statistics are not.
    expect(p.list().map((v) => v.trainable)).toEqual([true, true]);
    expect([...p.buffers.values()].map((v) => v.trainable)).toEqual([false, false]);
    p.dispose();
    x.dispose();
  });

  it('an image has the same features alone as in any batch, after training; in training mode it would not', async () => {
    const { trainer } = await trainSteps('method=simclr&batchNorm=1&projHidden=16&projDim=8', 5);
    const ds = trainer.dataset;
    const idx = trainer.splits.probeTest.subarray(0, 12);
    const batch = tf.tensor4d(gatherFloat(ds, idx), [12, ds.height, ds.width, ds.channels]);
    const first = tf.slice(batch, 0, 1);
    const alone = await trainer.encoder.apply(first).data();
    const inBatch = await tf.slice(trainer.encoder.apply(batch), 0, 1).data();
    const inOtherBatch = await tf.slice(trainer.encoder.apply(tf.concat([first, tf.reverse(batch, 0)], 0)), 0, 1).data();
    expect(Array.from(inBatch)).toEqual(Array.from(alone).map((v) => expect.closeTo(v, 5)));
    expect(Array.from(inOtherBatch)).toEqual(Array.from(alone).map((v) => expect.closeTo(v, 5)));
    // The same read with batch statistics differs: the test above can fail.
    const trainingRead = await whileTraining(() => tf.slice(trainer.encoder.apply(batch), 0, 1)).data();
    const gap = Math.max(...Array.from(trainingRead).map((v, i) => Math.abs(v - alone[i])));
    expect(gap).toBeGreaterThan(1e-3);
    trainer.dispose();
  });

  it('the encoder with BatchNorm has γ, β per conv and no conv bias; depth adds 4·width layers', () => {
    const enc = createConvEncoder({ channels: 1, width: 4, depth: 4, batchNorm: true, seed: 1 });
    expect([...enc.params.vars.keys()]).toEqual(['conv0.w', 'bn0.gamma', 'bn0.beta', 'conv1.w', 'bn1.gamma', 'bn1.beta', 'conv2.w', 'bn2.gamma', 'bn2.beta', 'conv3.w', 'bn3.gamma', 'bn3.beta']);
    expect(enc.params.vars.get('conv3.w')!.shape).toEqual([3, 3, 16, 16]);
    expect(enc.params.buffers.size).toBe(8);
    expect(enc.outDim).toBe(16);
    enc.params.dispose();
    expect(() => createConvEncoder({ channels: 1, width: 4, depth: 2, seed: 1 })).toThrow(/depth must be an integer ≥ 3/);
  });

  it('a target network’s EMA pairs weights only, never running statistics (target.ts)', async () => {
    const { trainer } = await trainSteps('method=byol&batchNorm=1&projHidden=16&projDim=8', 3);
    const online = trainer.encoder.params.buffers.get('bn2.runningMean')!;
    const pairs = trainer.method.momentumPairs!();
    // The EMA pairs weights only: 3 convs × (w, γ, β) in the encoder, no buffers.
    expect(pairs.filter(([o]) => trainer.encoder.params.list().includes(o))).toHaveLength(9);
    expect(pairs.some(([o]) => [...trainer.encoder.params.buffers.values()].includes(o))).toBe(false);
    expect(Array.from(await online.data()).some((v) => v !== 0)).toBe(true);
    trainer.dispose();
  });
});
