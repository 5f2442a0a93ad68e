import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { whileTraining } from '../nets/batchNorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerMissingKernels } from '../backend/kernels';
import { gatherFloat } from '../data/dataset';
import { syntheticDataset } from '../train/testing';
import { Trainer } from '../train/trainer';
import { tinyConfig, trainSteps } from './testing';

const HEADS = 'projHidden=16&projDim=8&predHidden=4';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels('cpu');
});

/** Loss value and the largest gradient entry of each head, for one fixed batch. */
async function lossAndGrads(trainer: Trainer, images: tf.Tensor4D) {
  const [projector, predictor] = trainer.method.heads;
  const vars = [...projector.list(), ...predictor.list()];
  const { value, grads } = tf.variableGrads(() => trainer.method.loss({ images, step: 1, seed: 4, totalSteps: 10 }), vars);
  const flat = async (list: tf.Variable[]) => Float32Array.from((await Promise.all(list.map((v) => grads[v.name].data()))).flatMap((a) => Array.from(a)));
  const result = { loss: (await value.data())[0], projector: await flat(projector.list()), predictor: await flat(predictor.list()) };
  tf.dispose([value, ...Object.values(grads)]);
  return result;
}

const maxGap = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('simsiam', () => {
  it('trains: over 20 steps the loss on a fixed batch falls, every loss is in [−1, 1], tensors stay flat', async () => {
    // The proxy: SimSiam's per-step loss at this size is noise around 0 (cos ≈ 0 with a 16-sample
    // BatchNorm), so a mean of 5 steps against another 5 is a coin flip. The loss of one fixed batch
    // with fixed views, before and after training, removes the sampling noise.
    const query = `method=simsiam&${HEADS}&lr=0.01`;
    const dataset = syntheticDataset(240);
    const indices = Int32Array.from({ length: 16 }, (_, i) => 200 + i);
    const images = tf.tensor4d(gatherFloat(dataset, indices), [16, 28, 28, 1]);
    const fixedLoss = async (t: Trainer) => {
      // As the loss is in a training step: encoder BatchNorm on batch statistics (nets/batchNorm.ts).
      const l = whileTraining(() => tf.tidy(() => tf.addN([1, 2, 3, 4].map((seed) => t.method.loss({ images, step: 1, seed, totalSteps: 21 }))).div(4)));
      const v = (await l.data())[0];
      l.dispose();
      return v;
    };
    const untrained = new Trainer(tinyConfig(`${query}&steps=21`), dataset);
    const before = await fixedLoss(untrained);
    untrained.dispose();
    const { trainer, losses, tensorCounts } = await trainSteps(query, 20, dataset);
    expect(losses.every((l) => Number.isFinite(l) && l >= -1 && l <= 1)).toBe(true);
    expect(await fixedLoss(trainer)).toBeLessThan(before - 0.05);
    expect(new Set(tensorCounts).size).toBe(1);
    images.dispose();
    trainer.dispose();
  });

  it('stop-gradient changes the gradient of the projector but neither the loss nor the predictor’s gradient', async () => {
    // Same seed, same weights. sg(z) is the identity going forward, and the predictor only sits on
    // the p branch, so only the gradient flowing back through z may differ.
    const dataset = syntheticDataset(240);
    const on = new Trainer(tinyConfig(`method=simsiam&${HEADS}&steps=10`), dataset);
    const off = new Trainer(tinyConfig(`method=simsiam&${HEADS}&stopGrad=0&steps=10`), dataset);
    const images = tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
    const a = await lossAndGrads(on, images);
    const b = await lossAndGrads(off, images);
    expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-6);
    expect(maxAbs(a.predictor)).toBeGreaterThan(1e-5);
    expect(maxGap(a.predictor, b.predictor)).toBeLessThan(1e-6 + 1e-4 * maxAbs(a.predictor));
    expect(maxGap(a.projector, b.projector)).toBeGreaterThan(0.05 * maxAbs(a.projector));
    images.dispose();
    on.dispose();
    off.dispose();
  });

  it('heads follow the paper: a 3-layer projector to projDim and a bottleneck predictor', () => {
    const trainer = new Trainer(tinyConfig(`method=simsiam&${HEADS}&steps=10`), syntheticDataset(240));
    const [projector, predictor] = trainer.method.heads;
    expect(trainer.embeddingDim).toBe(8);
    // fc0.w bn0.γ bn0.β | fc1.w bn1.γ bn1.β | fc2.w bn2.γ bn2.β: BN on every layer, no biases.
    expect([...projector.vars.keys()]).toEqual(['fc0.w', 'bn0.gamma', 'bn0.beta', 'fc1.w', 'bn1.gamma', 'bn1.beta', 'fc2.w', 'bn2.gamma', 'bn2.beta']);
    expect([...predictor.vars.values()].map((v) => v.shape)).toEqual([[8, 4], [4], [4], [4, 8], [8]]);
    trainer.dispose();
  });
});
