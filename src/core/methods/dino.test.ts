import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { multiCrop } from '../augment';
import { knobValues } from '../config/knobs';
import { dinoSpec } from '../config/methods/dino';
import { multiCropSettings } from '../config/methods/multiCrop';
import { registerMissingKernels } from '../backend/kernels';
import { gatherFloat } from '../data/dataset';
import { mixSeed } from '../random';
import { syntheticDataset } from '../train/testing';
import { Trainer } from '../train/trainer';
import type { DinoInstance } from './dino';
import { teacherTempAt } from './dino/teacher';
import { firstAndLast, snapshotValues, tinyConfig, trainSteps } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels('cpu');
});

const QUERY = 'method=dino&outDim=32&projHidden=16&bottleneckDim=8&smallCrops=2&smallSize=10&lr=0.003';

describe('dino', () => {
  it('once the centre has formed, the loss falls over 20 steps; tensors stay flat', async () => {
    // DINO's loss first rises: at step 1 the centre is 0 and teacher and student are the same
    // network, so they agree; as the centre forms it removes what all images share and the sharpened
    // teacher targets become image-specific. With centre momentum 0.5 the centre is formed (97%)
    // after 5 steps, and from there the student catches up: that is the proxy that must fall.
    const { trainer, losses, tensorCounts } = await trainSteps(`${QUERY}&centerMomentum=0.5`, 20);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(Math.max(...losses.slice(0, 5))).toBeGreaterThan(losses[0]);
    const { first, last } = firstAndLast(losses.slice(4));
    expect(last).toBeLessThan(first);
    expect(new Set(tensorCounts).size).toBe(1);
    trainer.dispose();
  });

  it('the teacher starts as the student and then moves only by the EMA, τ on a cosine to 1', async () => {
    const trainer = new Trainer(tinyConfig(`${QUERY}&steps=10&teacherMomentum=0.9`), syntheticDataset(240));
    const method = trainer.method as DinoInstance;
    const pairs = method.momentumPairs!();
    const online = pairs.map(([o]) => o);
    // Encoder (6 tensors) and the head's 3 linear layers + last layer: every weight has its twin.
    expect(pairs.length).toBe(trainer.encoder.params.list().length + method.heads.reduce((s, h) => s + h.list().length, 0));
    const [s0, t0] = await Promise.all([snapshotValues(online), snapshotValues(method.teacherParams())]);
    s0.forEach((v, i) => expect(Array.from(t0[i])).toEqual(Array.from(v)));
    for (let step = 1; step <= 3; step++) {
      const teacherBefore = await snapshotValues(method.teacherParams());
      await trainer.beforeStep();
      trainer.step().dispose();
      const [s1, t1] = await Promise.all([snapshotValues(online), snapshotValues(method.teacherParams())]);
      const tau = 1 - (0.1 * (Math.cos((Math.PI * step) / 10) + 1)) / 2;
      expect(method.momentum!(step, 10)).toBeCloseTo(tau, 12);
      // The trainer's EMA runs after the update: teacher ← τ·teacher + (1 − τ)·student (new weights).
      let worst = 0;
      t1.forEach((t, i) => t.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - (tau * teacherBefore[i][j] + (1 - tau) * s1[i][j]))); }));
      expect(worst).toBeLessThan(1e-5);
      // And the student did move, so this is not a fixed point.
      expect(s1.some((s, i) => s.some((v, j) => Math.abs(v - teacherBefore[i][j]) > 1e-4))).toBe(true);
    }
    expect(method.momentum!(10, 10)).toBe(1);
    trainer.dispose();
  });

  it('the centre follows c ← m·c + (1 − m)·mean of the teacher logits of both global crops', async () => {
    const trainer = new Trainer(tinyConfig(`${QUERY}&steps=5&centerMomentum=0.8`), syntheticDataset(240));
    const method = trainer.method as DinoInstance;
    for (let i = 0; i < 2; i++) {
      await trainer.beforeStep();
      trainer.step().dispose();
    }
    const c0 = Array.from(await method.center.data());
    expect(c0.some((v) => v !== 0)).toBe(true);
    const ds = trainer.dataset;
    const images = tf.tensor4d(gatherFloat(ds, trainer.splits.unlabelled.subarray(0, 16)), [16, 28, 28, 1]);
    const seed = 1234;
    tf.tidy(() => method.loss({ images, seed, step: 3, totalSteps: 5 }));
    // The teacher's logits of the same two global crops (one pass over both, as the head's BatchNorm
    // sees them in the method), averaged here.
    const crops = multiCrop(images, trainer.config.aug, { globalCrops: 2, ...multiCropSettings(knobValues(dinoSpec.knobs, trainer.config.params, 'dino')) }, mixSeed(seed, 1));
    const t = tf.tidy(() => tf.mean(method.teacher(tf.concat(crops.global, 0)), 0));
    const tm = Array.from(await t.data());
    method.afterStep!(3);
    const c1 = Array.from(await method.center.data());
    c1.forEach((v, k) => expect(v).toBeCloseTo(0.8 * c0[k] + 0.2 * tm[k], 5));
    tf.dispose([images, t, ...crops.global, ...crops.small]);
    trainer.dispose();
  });

  it('reports the collapse balance: teacher entropy within [0, log K], KL ≥ 0, centre norm', async () => {
    const { trainer } = await trainSteps(QUERY, 2);
    const metrics = trainer.method.extraMetrics!();
    const v = Object.fromEntries(await Promise.all(Object.entries(metrics).map(async ([k, t]) => [k, (await t!.data())[0]] as const)));
    tf.dispose(Object.values(metrics));
    expect(v.teacherEntropy).toBeGreaterThan(0);
    expect(v.teacherEntropy).toBeLessThanOrEqual(Math.log(32) + 1e-5);
    expect(v.teacherStudentKL).toBeGreaterThanOrEqual(-1e-6);
    const c = Array.from(await (trainer.method as DinoInstance).center.data());
    expect(v.centerNorm).toBeCloseTo(Math.sqrt(c.reduce((s, x) => s + x * x, 0)), 5);
    trainer.dispose();
  });

  it('warms the teacher temperature up linearly, then holds it', () => {
    expect(teacherTempAt(1, 0.04, 0.07, 31)).toBeCloseTo(0.04, 12);
    expect(teacherTempAt(16, 0.04, 0.07, 31)).toBeCloseTo(0.055, 12);
    expect(teacherTempAt(31, 0.04, 0.07, 31)).toBeCloseTo(0.07, 12);
    expect(teacherTempAt(500, 0.04, 0.07, 31)).toBe(0.07);
    expect(teacherTempAt(1, 0.04, 0.07, 0)).toBe(0.07);
  });
});
