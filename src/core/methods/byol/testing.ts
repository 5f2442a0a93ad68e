import * as tf from '@tensorflow/tfjs-core';
import { Trainer } from '../../train/trainer';
import { snapshotValues } from '../testing';

/**
 * Test helpers of the contrastive and joint-embedding methods (MoCo, BYOL, SimSiam, Barlow Twins,
 * VICReg): EMA and gradient checks, backend comparisons. Tests only: they read back.
 */

function maxAbs(values: (i: number, j: number) => number, arrays: Float32Array[]): number {
  let m = 0;
  arrays.forEach((a, i) => {
    for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(values(i, j)));
  });
  return m;
}

export interface EmaStep {
  /** max |target_after − (τ·target_before + (1 − τ)·online_after)| over every weight. */
  maxError: number;
  /** max |target_after − target_before|: the target did move. */
  targetMoved: number;
  /** max |target_after − online_after|: target and online differ, so the check above means something. */
  targetVsOnline: number;
}

/**
 * One trainer step, checking the targets against an EMA computed here: the trainer updates the
 * online weights first, then target ← τ·target + (1 − τ)·online (train/ema.ts), with τ = `tau`.
 */
export async function emaStep(trainer: Trainer, tau: number): Promise<EmaStep> {
  const pairs = trainer.method.momentumPairs!();
  const before = await snapshotValues(pairs.map(([, t]) => t));
  await trainer.beforeStep();
  trainer.step().dispose();
  const online = await snapshotValues(pairs.map(([o]) => o));
  const after = await snapshotValues(pairs.map(([, t]) => t));
  return {
    maxError: maxAbs((i, j) => after[i][j] - (tau * before[i][j] + (1 - tau) * online[i][j]), after),
    targetMoved: maxAbs((i, j) => after[i][j] - before[i][j], after),
    targetVsOnline: maxAbs((i, j) => after[i][j] - online[i][j], after),
  };
}

/** Largest |online − target| over the momentum pairs. */
export async function pairGap(trainer: Trainer): Promise<number> {
  const pairs = trainer.method.momentumPairs!();
  const online = await snapshotValues(pairs.map(([o]) => o));
  const target = await snapshotValues(pairs.map(([, t]) => t));
  return maxAbs((i, j) => online[i][j] - target[i][j], online);
}

/**
 * Largest |∂loss/∂v| over each group of variables, for the method's loss on `images` (the method
 * makes its views as in training). Zero for a group means no gradient reaches it.
 */
export async function gradientSizes(trainer: Trainer, images: tf.Tensor4D, groups: Record<string, tf.Variable[]>): Promise<Record<string, number>> {
  const all = Object.values(groups).flat();
  const { value, grads } = tf.variableGrads(() => trainer.method.loss({ images, step: 1, seed: 5, totalSteps: trainer.config.steps }), all);
  const sizes: Record<string, number> = {};
  for (const [name, vars] of Object.entries(groups)) {
    const m = tf.tidy(() => tf.max(tf.stack(vars.map((v) => tf.max(tf.abs(grads[v.name]))))));
    sizes[name] = (await m.data())[0];
    m.dispose();
  }
  tf.dispose([value, ...Object.values(grads)]);
  return sizes;
}
