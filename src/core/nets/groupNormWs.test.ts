import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainSteps } from '../methods/testing';
import { whileTraining } from './batchNorm';
import { createConvEncoder } from './convnet';
import { groupCount, groupNorm, standardizeWeights } from './groupNormWs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('GroupNorm + weight standardisation in the ConvNet (Richemond et al. 2020)', () => {
  it('GroupNorm by hand: one image, 2 groups of 2 channels over a 1×2 map', async () => {
    // group 0 = channels 0,1: values 1, 3, 5, 7 → mean 4, var 5; group 1 = channels 2,3: 2, 2, 2, 2 → 0.
    const x = tf.tensor4d([1, 3, 2, 2, 5, 7, 2, 2], [1, 1, 2, 4]);
    const y = groupNorm(x, 2, tf.tensor1d([1, 1, 2, 2]), tf.tensor1d([0, 0, 0.5, 0.5]));
    const s = Math.sqrt(5 + 1e-5);
    const expected = [-3 / s, -1 / s, 0.5, 0.5, 1 / s, 3 / s, 0.5, 0.5];
    Array.from(await y.data()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('weight standardisation: every output filter has mean 0 and std 1 over kh, kw, Cin', async () => {
    const w = tf.randomNormal([3, 3, 2, 4], 0.3, 2, 'float32', 7) as tf.Tensor4D;
    const { mean, variance } = tf.moments(standardizeWeights(w), [0, 1, 2]);
    for (const m of await mean.data()) expect(Math.abs(m)).toBeLessThan(1e-5);
    for (const v of await variance.data()) expect(v).toBeCloseTo(1, 3);
    expect(groupCount(64)).toBe(16);
    expect(groupCount(8)).toBe(8);
    expect(groupCount(24)).toBe(8);
  });

  it('no batch statistics: an image has the same features alone as in a batch, even while training', async () => {
    const enc = createConvEncoder({ channels: 1, width: 4, seed: 3, norm: 'gn-ws', batchNorm: true });
    expect([...enc.params.vars.keys()]).toEqual(['conv0.w', 'gn0.gamma', 'gn0.beta', 'conv1.w', 'gn1.gamma', 'gn1.beta', 'conv2.w', 'gn2.gamma', 'gn2.beta']);
    expect(enc.params.buffers.size).toBe(0);
    const batch = tf.randomUniform([5, 28, 28, 1], 0, 1, 'float32', 4) as tf.Tensor4D;
    const alone = await whileTraining(() => enc.apply(tf.slice(batch, [2, 0, 0, 0], [1, 28, 28, 1]))).data();
    const inBatch = await whileTraining(() => tf.slice(enc.apply(batch), [2, 0], [1, enc.outDim])).data();
    Array.from(alone).forEach((v, i) => expect(v).toBeCloseTo(inBatch[i], 5));
    enc.params.dispose();
  });

  it('BYOL with headNorm=gn-ws-all builds the GN + WS encoder, trains, and leaks nothing', async () => {
    const { trainer, losses, tensorCounts } = await trainSteps('method=byol&headNorm=gn-ws-all&projHidden=16&projDim=8', 4);
    expect([...trainer.encoder.params.vars.keys()]).toContain('gn2.gamma');
    expect(trainer.encoder.params.buffers.size).toBe(0);
    for (const l of losses) expect(Number.isFinite(l)).toBe(true);
    expect(new Set(tensorCounts).size, `tensors per step ${tensorCounts.join(', ')}`).toBe(1);
    trainer.dispose();
  });
});
