import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_OFF } from '../augment/testUtil';
import { syntheticDataset } from '../train/testing';
import { Trainer } from '../train/trainer';
import { pattern } from '../nets/vit/testUtil';
import { FOCAL_SCALE, focalPixels, focalViews } from './msn/focal';
import { firstAndLast, snapshotValues, tinyConfig, trainSteps, type TrainedSteps } from './testing';

const BASE = 'method=msn&vitDim=8&vitDepth=1&vitHeads=2&projHidden=16&projDim=8&prototypes=8&lr=0.003';
const QUERY = `${BASE}&focalViews=2`;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('msn trains', () => {
  let run: TrainedSteps;
  beforeAll(async () => {
    run = await trainSteps(QUERY, 20);
  });
  afterAll(() => run.trainer.dispose());

  it('the loss falls over 20 steps and tensors stay flat', () => {
    expect(run.losses.every(Number.isFinite)).toBe(true);
    const { first, last } = firstAndLast(run.losses);
    expect(last).toBeLessThan(first);
    expect(new Set(run.tensorCounts).size).toBe(1);
  });

  it('the target ViT and projector change only by the EMA: τ·old target + (1 − τ)·updated online', async () => {
    // A fresh run of 10 steps, checked at step 3 (τ reaches 1 at the last step).
    const trainer = new Trainer(tinyConfig(`${QUERY}&steps=10`), syntheticDataset(240));
    for (let i = 0; i < 2; i++) {
      await trainer.beforeStep();
      trainer.step().dispose();
    }
    const pairs = trainer.method.momentumPairs!();
    // Every encoder weight has a target twin, none of them trained by the optimiser.
    const online = new Set(pairs.map(([o]) => o));
    for (const v of trainer.encoder.params.list()) expect(online.has(v)).toBe(true);
    const trained = new Set([...trainer.encoder.params.list(), ...trainer.method.heads.flatMap((h) => h.list())]);
    for (const [, t] of pairs) expect(trained.has(t)).toBe(false);
    const targetsBefore = await snapshotValues(pairs.map(([, t]) => t));
    const onlineBefore = await snapshotValues(pairs.map(([o]) => o));
    await trainer.beforeStep();
    const step = trainer.stepsDone + 1;
    trainer.step().dispose();
    const tau = trainer.method.momentum!(step, trainer.config.steps);
    expect(tau).toBeGreaterThanOrEqual(0.99);
    expect(tau).toBeLessThan(1);
    const onlineAfter = await snapshotValues(pairs.map(([o]) => o));
    const targetsAfter = await snapshotValues(pairs.map(([, t]) => t));
    let moved = 0;
    let targetMoved = 0;
    let worst = 0;
    pairs.forEach((_, i) => {
      targetsAfter[i].forEach((v, j) => {
        const want = tau * targetsBefore[i][j] + (1 - tau) * onlineAfter[i][j];
        worst = Math.max(worst, Math.abs(v - want));
        if (Math.abs(onlineAfter[i][j] - onlineBefore[i][j]) > 1e-6) moved++;
        if (Math.abs(v - targetsBefore[i][j]) > 1e-6) targetMoved++;
      });
    });
    expect(worst).toBeLessThan(1e-6);
    // Both moved, so the check is not vacuous: a target left alone, or also trained, would fail it.
    expect(moved).toBeGreaterThan(100);
    expect(targetMoved).toBeGreaterThan(100);
    trainer.dispose();
  });

  it('trains the prototypes, and charts prototype usage', async () => {
    const { trainer } = run;
    const protos = trainer.method.heads.find((h) => h.prefix === 'prototypes')!;
    expect(protos.list()[0].shape).toEqual([8, 8]);
    const before = tf.memory().numTensors;
    const metrics = trainer.method.extraMetrics!();
    const perplexity = (await metrics.protoPerplexity!.data())[0];
    const used = (await metrics.prototypesUsed!.data())[0];
    tf.dispose(Object.values(metrics));
    const snap = await trainer.method.snapshot!();
    expect(tf.memory().numTensors).toBe(before);
    expect(perplexity).toBeGreaterThanOrEqual(1);
    expect(perplexity).toBeLessThanOrEqual(8 + 1e-4);
    expect(Number.isInteger(used)).toBe(true);
    expect(used).toBeGreaterThanOrEqual(1);
    const bars = snap.bars![0];
    expect(bars.labels).toHaveLength(8);
    // Every fixed image has one first choice; bars are sorted, and as many are non-zero as "used".
    expect(bars.values.reduce((a, b) => a + b, 0)).toBe(128);
    expect([...bars.values].sort((a, b) => b - a)).toEqual(bars.values);
    expect(bars.values.filter((v) => v > 0)).toHaveLength(used);
  });
});

describe('msn setup', () => {
  it('starts the target networks as exact copies of the online ones', async () => {
    const trainer = new Trainer(tinyConfig(`${QUERY}&steps=5`), syntheticDataset(240));
    const pairs = trainer.method.momentumPairs!();
    const a = await snapshotValues(pairs.map(([o]) => o));
    const b = await snapshotValues(pairs.map(([, t]) => t));
    a.forEach((v, i) => expect(Array.from(b[i])).toEqual(Array.from(v)));
    expect(pairs.every(([o, t]) => o !== t)).toBe(true);
    trainer.dispose();
  });

  it('focal crops are whole patches, view-major, inside [0, 1]', async () => {
    expect(focalPixels(12, 4, 28)).toBe(12);
    expect(focalPixels(15, 4, 28)).toBe(12);
    expect(focalPixels(2, 4, 28)).toBe(4);
    expect(focalPixels(12, 7, 28)).toBe(7);
    expect(focalPixels(28, 4, 28)).toBe(28);
    expect(FOCAL_SCALE[0]).toBeLessThan(FOCAL_SCALE[1]);
    const x = pattern([3, 28, 28, 1]) as tf.Tensor4D;
    const v = focalViews(x, 2, 12, ALL_OFF, 5);
    expect(v.shape).toEqual([6, 12, 12, 1]);
    const values = await v.data();
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    // Two views of the same image are different crops.
    const first = Array.from(values.subarray(0, 144));
    const second = Array.from(values.subarray(3 * 144, 4 * 144));
    expect(first).not.toEqual(second);
  });

  it('runs without masking or focal views, and dispose frees everything', async () => {
    const before = tf.memory().numTensors;
    const { trainer, losses } = await trainSteps(`${BASE}&msnMaskRatio=0&focalViews=0`, 3);
    expect(losses.every(Number.isFinite)).toBe(true);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
