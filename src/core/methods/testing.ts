import * as tf from '@tensorflow/tfjs-core';
import { decodeConfig } from '../config/url';
import { syntheticDataset } from '../train/testing';
import { Trainer } from '../train/trainer';
import { gatherFloat, type ImageDataset } from '../data/dataset';
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

/**
 * Loss and gradient of every trainable weight (encoder and heads, by name) for one fixed batch of
 * unlabelled images on the current backend, after the method's beforeStep (DeepCluster clusters
 * there). For comparing backends without training in between: Adam's first, sign-like steps would
 * amplify float summation-order differences into visible loss gaps within a few steps.
 */
export async function lossAndGradient(query: string): Promise<{ loss: number; gradients: Map<string, Float32Array> }> {
  registerMissingKernels(tf.getBackend());
  const dataset = syntheticDataset(240);
  const trainer = new Trainer(tinyConfig(`${query}&steps=10`), dataset);
  await trainer.beforeStep();
  const indices = trainer.splits.unlabelled.subarray(0, 16);
  const images = tf.tensor4d(gatherFloat(dataset, indices), [16, dataset.height, dataset.width, dataset.channels]);
  const named = [trainer.encoder.params, ...trainer.method.heads].flatMap((set) => [...set.vars].map(([name, v]) => [`${set.prefix}.${name}`, v] as const));
  const { value, grads } = tf.variableGrads(() => trainer.method.loss({ images, indices, step: 1, seed: 4, totalSteps: 10 }), named.map(([, v]) => v));
  const gradients = new Map<string, Float32Array>();
  for (const [name, v] of named) {
    // A weight the loss does not reach has no entry (none should; the comparison would show it).
    const g = grads[v.name];
    if (g) gradients.set(name, (await g.data()) as Float32Array);
  }
  const loss = (await value.data())[0];
  tf.dispose([value, images, ...Object.values(grads)]);
  trainer.dispose();
  return { loss, gradients };
}
