import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentBatch } from '../augment';
import { registerMissingKernels } from '../backend/kernels';
import { byolLoss } from '../losses';
import { mixSeed } from '../random';
import { syntheticDataset } from '../train/testing';
import { Trainer } from '../train/trainer';
import { emaStep, gradientSizes, pairGap } from './byol/testing';
import { firstAndLast, tinyConfig, trainSteps } from './testing';

const HEADS = 'projHidden=16&projDim=8';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels('cpu');
});

const images = () => tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 9) as tf.Tensor4D;

describe('byol', () => {
  it('trains: loss falls over 20 steps, tensors stay flat', async () => {
    const { trainer, losses, tensorCounts } = await trainSteps(`method=byol&${HEADS}&lr=0.003`, 20);
    expect(losses.every(Number.isFinite)).toBe(true);
    // Symmetrised 2 − 2cos, two directions: every value lies in [0, 8].
    expect(losses.every((l) => l >= 0 && l <= 8)).toBe(true);
    const { first, last } = firstAndLast(losses);
    expect(last).toBeLessThan(first);
    expect(new Set(tensorCounts).size).toBe(1);
    trainer.dispose();
  });

  it('headNorm: each variant trains without leaking; with GN + WS an image’s embedding does not depend on its batch', async () => {
    for (const headNorm of ['none', 'projector-bn', 'gn-ws']) {
      const { trainer, losses, tensorCounts } = await trainSteps(`method=byol&${HEADS}&lr=0.003&headNorm=${headNorm}`, 4);
      expect(losses.every((l) => Number.isFinite(l) && l >= 0 && l <= 8), headNorm).toBe(true);
      expect(new Set(tensorCounts).size, headNorm).toBe(1);
      if (headNorm === 'gn-ws') {
        const x = images();
        const [all, alone] = [await trainer.method.embed(x).array(), await trainer.method.embed(tf.slice(x, 3, 1)).array()];
        alone[0].forEach((v, i) => expect(v).toBeCloseTo(all[3][i], 4));
        x.dispose();
      }
      trainer.dispose();
    }
  });

  it('the target starts as a copy of the online network and then moves only by the cosine-scheduled EMA', async () => {
    const tauBase = 0.9;
    const trainer = new Trainer(tinyConfig(`method=byol&${HEADS}&lr=0.01&tauBase=${tauBase}&steps=10`), syntheticDataset(240));
    expect(await pairGap(trainer)).toBe(0);
    // Encoder (3 convs with BatchNorm: w, γ, β; running statistics are not paired) + projector (fc0.w, bn0.γ, bn0.β, fc1.w, fc1.b).
    expect(trainer.method.momentumPairs!()).toHaveLength(9 + 5);
    for (let k = 1; k <= 3; k++) {
      // τ_k = 1 − (1 − τ_base)(cos(πk/K) + 1)/2 (BYOL §3.2), written out here independently.
      const tau = 1 - ((1 - tauBase) * (Math.cos((Math.PI * k) / 10) + 1)) / 2;
      const r = await emaStep(trainer, tau);
      expect(r.maxError).toBeLessThan(1e-5);
      expect(r.targetMoved).toBeGreaterThan(1e-5);
      expect(r.targetVsOnline).toBeGreaterThan(1e-4);
    }
    expect(trainer.method.momentum!(0, 10)).toBeCloseTo(tauBase, 12);
    expect(trainer.method.momentum!(5, 10)).toBeCloseTo((1 + tauBase) / 2, 12);
    expect(trainer.method.momentum!(10, 10)).toBe(1);
    trainer.dispose();
  });

  it('no gradient reaches the target; the online encoder, projector and predictor get one', async () => {
    const trainer = new Trainer(tinyConfig(`method=byol&${HEADS}&steps=10`), syntheticDataset(240));
    const pairs = trainer.method.momentumPairs!();
    const [projector, predictor] = trainer.method.heads;
    const x = images();
    const g = await gradientSizes(trainer, x, {
      target: pairs.map(([, t]) => t),
      encoder: trainer.encoder.params.list(),
      projector: projector.list(),
      predictor: predictor.list(),
    });
    expect(g.target).toBe(0);
    expect(g.encoder).toBeGreaterThan(0);
    expect(g.projector).toBeGreaterThan(0);
    expect(g.predictor).toBeGreaterThan(0);
    x.dispose();
    trainer.dispose();
  });

  it('switches: predictor off trains the projector only, EMA off has no target but a stop-gradient; at init both give the same loss', async () => {
    const dataset = syntheticDataset(240);
    const withEma = new Trainer(tinyConfig(`method=byol&${HEADS}&predictor=0&steps=10`), dataset);
    const withoutEma = new Trainer(tinyConfig(`method=byol&${HEADS}&predictor=0&ema=0&steps=10`), dataset);
    const full = new Trainer(tinyConfig(`method=byol&${HEADS}&steps=10`), dataset);
    expect(withEma.method.heads).toHaveLength(1);
    expect(full.method.heads).toHaveLength(2);
    expect(withoutEma.method.momentumPairs).toBeUndefined();
    expect(withEma.parameterCount()).toBeLessThan(full.parameterCount());
    // The target is an exact copy at init, so EMA on or off gives the same first loss.
    const x = images();
    const input = { images: x, step: 1, seed: 3, totalSteps: 10 };
    const [a, b] = await Promise.all([withEma, withoutEma].map(async (t) => {
      const l = t.method.loss(input);
      const v = (await l.data())[0];
      l.dispose();
      return v;
    }));
    expect(a).toBeGreaterThan(0.01);
    expect(Math.abs(a - b)).toBeLessThan(1e-5);
    // EMA off, predictor off: L(z1, sg z2) + L(z2, sg z1). As 2 − 2cos is symmetric, that has the
    // value of the fully differentiated L(z1, z2) + L(z2, z1) and exactly half its gradient.
    const encoderVars = withoutEma.encoder.params.list();
    const embed = (v: tf.Tensor4D) => withoutEma.method.embed(v);
    const [v1, v2] = [1, 2].map((k) => augmentBatch(x, withoutEma.config.aug, mixSeed(input.seed, k)));
    const both = tf.variableGrads(() => tf.add(byolLoss(embed(v1), embed(v2)), byolLoss(embed(v2), embed(v1))) as tf.Scalar, encoderVars);
    const stopped = tf.variableGrads(() => withoutEma.method.loss(input), encoderVars);
    expect((await both.value.data())[0]).toBeCloseTo(b, 5);
    const gap = tf.tidy(() => tf.max(tf.stack(encoderVars.map((v) => tf.max(tf.abs(tf.sub(both.grads[v.name], tf.mul(2, stopped.grads[v.name]))))))));
    const size = tf.tidy(() => tf.max(tf.stack(encoderVars.map((v) => tf.max(tf.abs(stopped.grads[v.name]))))));
    expect((await size.data())[0]).toBeGreaterThan(1e-4);
    expect((await gap.data())[0]).toBeLessThan(1e-5 + 1e-3 * (await size.data())[0]);
    tf.dispose([v1, v2, both.value, stopped.value, gap, size, ...Object.values(both.grads), ...Object.values(stopped.grads)]);
    x.dispose();
    [withEma, withoutEma, full].forEach((t) => t.dispose());
  });
});
