import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerMissingKernels } from '../backend/kernels';
import { decodeConfig } from '../config/url';
import type { InsideReading } from '../eval/inside/types';
import { runTraining } from './loop';
import { syntheticDataset } from './testing';

const cpuInfo = { name: 'cpu', adapter: 'plain JavaScript', fallbacks: [] };

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels('cpu');
});

describe('collapse readings for the see-inside panels', () => {
  it('history rows carry alignment and uniformity in range; a reading per collapse reading costs one read-back (the backbone map)', async () => {
    const { config } = decodeConfig('method=simclr&steps=4&batch=8&n=64&width=4&probeTrain=40&probeTest=40&metricsEvery=2&probeEvery=0&projHidden=16&projDim=8');
    const readings: InsideReading[] = [];
    const before = tf.memory().numTensors;
    const run = await runTraining(config, syntheticDataset(), cpuInfo, { onInside: (r) => readings.push(r) });
    expect(tf.memory().numTensors).toBe(before);
    const measured = run.history.filter((r) => r.alignment !== undefined);
    expect(measured.map((r) => r.step)).toEqual([0, 2, 4]);
    for (const r of measured) {
      // ‖a − b‖² of unit vectors lies in [0, 4]; uniformity (t = 2) in [−4, 0].
      expect(r.alignment).toBeGreaterThanOrEqual(0);
      expect(r.alignment).toBeLessThanOrEqual(4);
      expect(r.uniformity).toBeGreaterThanOrEqual(-4);
      expect(r.uniformity).toBeLessThanOrEqual(0);
    }
    expect(readings.map((r) => r.step)).toEqual([0, 2, 4]);
    // 40 probe-test images, an 8-d projection: min(N, d) = 8 singular values, largest first.
    for (const r of readings) {
      expect(r.singularValues).toHaveLength(8);
      for (let i = 1; i < 8; i++) expect(r.singularValues[i]).toBeLessThanOrEqual(r.singularValues[i - 1]);
    }
    // The spectrum and the embedding's map come from the read RankMe makes anyway; the backbone
    // features are one more read per reading, made only when a caller asks for readings.
    const { hostReads } = await runTraining(config, syntheticDataset(), cpuInfo);
    expect(run.hostReads).toBe(hostReads + readings.length);
    for (const r of readings) {
      expect(r.spaces.embedding.pca).toHaveLength(40 * 2);
      expect(r.spaces.backbone.dim).toBe(16);
      expect(r.spaces.backbone.neighbours).toHaveLength(40 * 8);
    }
    expect(readings[0].images?.labels).toHaveLength(40);
    expect(readings[0].images?.pixels).toHaveLength(40 * 28 * 28);
    expect(readings[1].images).toBeUndefined();
  });
});

describe('linear evaluation knobs', () => {
  it('the final record has the probe at 100%, 10% and 1% labels; labelFraction and probeOn change the charted probe', async () => {
    const base = 'method=simclr&steps=2&batch=8&n=64&width=4&probeTrain=100&probeTest=40&metricsEvery=2&probeEvery=0&projHidden=16&projDim=8';
    const run = async (extra: string) => runTraining(decodeConfig(`${base}&${extra}`).config, syntheticDataset(), cpuInfo);
    const before = tf.memory().numTensors;
    const tenth = await run('labelFraction=0.1');
    expect(tf.memory().numTensors).toBe(before);
    for (const key of ['probeAccuracy100pct', 'probeAccuracy10pct', 'probeAccuracy1pct']) {
      expect(tenth.final[key]).toBeGreaterThanOrEqual(0);
      expect(tenth.final[key]).toBeLessThanOrEqual(1);
    }
    // The charted probe is the chosen fraction's: the same seed and subset give the same number.
    expect(tenth.final.probeAccuracy).toBeCloseTo(tenth.final.probeAccuracy10pct, 6);
    const full = await run('labelFraction=1');
    expect(full.final.probeAccuracy).toBeCloseTo(full.final.probeAccuracy100pct, 6);
    const projector = await run('labelFraction=1&probeOn=projector');
    expect(projector.final.probeAccuracy).not.toBe(full.final.probeAccuracy);
  });
});

describe('a step by hand', () => {
  it('gets a reading of its own (loss, metrics, progress) although metricsEvery has not come round', async () => {
    const { config } = decodeConfig('method=rotation&steps=3&batch=8&n=64&width=4&probeTrain=40&probeTest=40&metricsEvery=10&probeEvery=0');
    const progress: number[] = [];
    let step = 0;
    const run = await runTraining(config, syntheticDataset(), cpuInfo, { onProgress: (p) => progress.push(p.step) }, {
      shouldStop: () => false,
      waitWhilePaused: async () => {
        step += 1;
      },
      readingDue: () => step === 1,
    });
    // Progress moves every step (no read-back); the readings are what the manual step adds.
    expect(progress).toEqual([1, 2, 3]);
    expect(run.history.filter((r) => r.rankMe !== undefined).map((r) => r.step)).toEqual([0, 1, 3]);
  });
});
