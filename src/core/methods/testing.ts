import * as tf from '@tensorflow/tfjs-core';
import { decodeConfig } from '../config/url';
import { syntheticDataset } from '../train/testing';
import { Trainer } from '../train/trainer';
import type { ImageDataset } from '../data/dataset';
import { registerMissingKernels } from '../backend/kernels';
import type { ExperimentConfig } from '../config/schema';

/**
 * Shared harness for method tests (Node, CPU backend): builds a Trainer from a URL query on tiny
 * data and trains it. Losses are read back after the loop (tests may sync; the app may not).
 */
export const TINY_QUERY = 'batch=16&n=128&width=4&probeTrain=40&probeTest=40&metricsEvery=1&probeEvery=0';

export function tinyConfig(query: string): ExperimentConfig {
  const { config, ignored } = decodeConfig(`${TINY_QUERY}&${query}`);
  if (ignored.length) throw new Error(`test config has problems: ${ignored.join('; ')}`);
  return config;
}

export interface TrainedSteps {
  trainer: Trainer;
  losses: number[];
  /** numTensors after each step (after a warm-up step), to prove no leak. */
  tensorCounts: number[];
}

/** Trains `steps` updates after one warm-up update (optimiser slots, queues, centres get created). */
export async function trainSteps(query: string, steps: number, dataset: ImageDataset = syntheticDataset(240)): Promise<TrainedSteps> {
  // The stock CPU Conv2DBackpropFilter takes ~97% of a step; use the fast one, as the app does.
  registerMissingKernels(tf.getBackend());
  const trainer = new Trainer(tinyConfig(`${query}&steps=${steps + 1}`), dataset);
  await trainer.beforeStep();
  trainer.step().dispose();
  const lossTensors: tf.Scalar[] = [];
  const tensorCounts: number[] = [];
  for (let i = 0; i < steps; i++) {
    await trainer.beforeStep();
    const loss = trainer.step();
    tensorCounts.push(tf.memory().numTensors - lossTensors.length - 1);
    lossTensors.push(loss);
  }
  const losses = await Promise.all(lossTensors.map(async (t) => (await t.data())[0]));
  tf.dispose(lossTensors);
  return { trainer, losses, tensorCounts };
}

/** Mean of the first and last k losses: "falling" means last < first. */
export function firstAndLast(losses: number[], k = 5): { first: number; last: number } {
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  return { first: mean(losses.slice(0, k)), last: mean(losses.slice(-k)) };
}

/** Copies of variables' values, to check which weights changed and how. */
export async function snapshotValues(vars: tf.Variable[]): Promise<Float32Array[]> {
  return Promise.all(vars.map(async (v) => (await v.data()) as Float32Array));
}
