import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nmi } from '../eval/nmi';
import type { DeepClusterInstance } from './deepcluster';
import { clusterWeights, sizeEntropy } from './deepcluster/clustering';
import { syntheticDataset } from '../train/testing';
import { Trainer } from '../train/trainer';
import { firstAndLast, tinyConfig, trainSteps } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const QUERY = 'method=deepcluster&k=10&pcaDim=8&kmeansIters=5&lr=0.003';

describe('deepcluster', () => {
  it('within one clustering period the pseudo-label loss falls; tensors stay flat', async () => {
    const { trainer, losses, tensorCounts } = await trainSteps(`${QUERY}&clusterEvery=100`, 20);
    const method = trainer.method as DeepClusterInstance;
    expect(method.clusterings).toBe(1);
    expect(losses.every(Number.isFinite)).toBe(true);
    const { first, last } = firstAndLast(losses);
    expect(last).toBeLessThan(first);
    expect(new Set(tensorCounts).size).toBe(1);
    // Every unlabelled image has a pseudo-label in [0, k), nothing else has one.
    const inSubset = new Set(trainer.splits.unlabelled);
    method.pseudoLabels.forEach((l, i) => expect(inSubset.has(i) ? l >= 0 && l < 10 : l === -1).toBe(true));
    trainer.dispose();
  });

  it('reports clustering metrics only once they exist: none before clustering, NMI vs previous from the second', async () => {
    const fresh = new Trainer(tinyConfig(`${QUERY}&steps=5`), syntheticDataset(240));
    expect(Object.keys(fresh.method.extraMetrics!())).toEqual([]);
    // The chart list still names all four, so their panels exist from the start.
    expect(fresh.extraMetricNames()).toEqual(['nmi', 'nmiVsPrevious', 'emptyClusters', 'clusterEntropy']);
    fresh.dispose();
    const { trainer } = await trainSteps(`${QUERY}&clusterEvery=100`, 0);
    const metrics = trainer.method.extraMetrics!();
    expect(Object.keys(metrics).sort()).toEqual(['clusterEntropy', 'emptyClusters', 'nmi']);
    tf.dispose(Object.values(metrics));
    trainer.dispose();
  });

  it('re-clusters every E steps, re-initialises the classifier, reports NMI and sizes', async () => {
    const { trainer } = await trainSteps(`${QUERY}&clusterEvery=5`, 9);
    const method = trainer.method as DeepClusterInstance;
    // Steps 1, 6 (step 11 is next).
    expect(method.clusterings).toBe(2);
    await trainer.beforeStep();
    expect(method.clusterings).toBe(3);
    // Right after a clustering: bias 0, weights ~ N(0, 0.01²).
    const [w, b] = method.heads[0].list();
    expect(Array.from(await b.data()).every((v) => v === 0)).toBe(true);
    const wv = Array.from(await w.data());
    const std = Math.sqrt(wv.reduce((s, v) => s + v * v, 0) / wv.length);
    expect(std).toBeGreaterThan(0.007);
    expect(std).toBeLessThan(0.013);
    // NMI against the true labels, recomputed here from the pseudo-labels.
    const { unlabelled } = trainer.splits;
    const pseudo = Array.from(unlabelled, (i) => method.pseudoLabels[i]);
    const truth = Array.from(unlabelled, (i) => trainer.dataset.labels[i]);
    const metrics = method.extraMetrics!();
    const values = Object.fromEntries(await Promise.all(Object.entries(metrics).map(async ([k, t]) => [k, (await t!.data())[0]] as const)));
    tf.dispose(Object.values(metrics));
    expect(values.nmi).toBeCloseTo(nmi(pseudo, truth), 5);
    // The synthetic classes are bars at distinct positions: even early features separate some.
    expect(values.nmi).toBeGreaterThan(0.2);
    expect(values.nmiVsPrevious).toBeGreaterThan(0);
    expect(values.nmiVsPrevious).toBeLessThanOrEqual(1);
    // Cluster sizes, largest first, cover the subset.
    const snap = await method.snapshot!();
    const sizes = snap.bars![0].values;
    expect(sizes.reduce((s, v) => s + v, 0)).toBe(unlabelled.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const counts = new Int32Array(10);
    pseudo.forEach((l) => { counts[l] += 1; });
    expect(values.clusterEntropy).toBeCloseTo(sizeEntropy(counts), 5);
    trainer.dispose();
  });
});

describe('cluster weights', () => {
  it('make uniform image sampling equal uniform cluster sampling in expectation', () => {
    // Clusters of 1, 3 and 0 images; per-image losses ℓ.
    const sizes = Int32Array.from([1, 3, 0]);
    const w = clusterWeights(sizes);
    [4 / (2 * 1), 4 / (2 * 3), 0].forEach((v, c) => expect(w[c]).toBeCloseTo(v, 6));
    const cluster = [0, 1, 1, 1];
    const loss = [2, 1, 4, 7];
    // Uniform over images with weights: mean_i w_{c_i} ℓ_i.
    const weighted = cluster.reduce((s, c, i) => s + w[c] * loss[i], 0) / 4;
    // Uniform over the two non-empty clusters, then uniform inside: ½·2 + ½·(1 + 4 + 7)/3.
    expect(weighted).toBeCloseTo(0.5 * 2 + 0.5 * 4, 6);
    // Weights average 1 over the images: the loss keeps a plain cross-entropy's scale.
    expect(cluster.reduce((s, c) => s + w[c], 0) / 4).toBeCloseTo(1, 6);
  });
});
