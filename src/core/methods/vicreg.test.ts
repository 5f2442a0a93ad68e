import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerMissingKernels } from '../backend/kernels';
import { syntheticDataset } from '../train/testing';
import { Trainer } from '../train/trainer';
import { firstAndLast, tinyConfig, trainSteps } from './testing';

const HEADS = 'projHidden=16&projDim=8';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels('cpu');
});

describe('vicreg', () => {
  it('trains: loss falls over 20 steps, tensors stay flat', async () => {
    const { trainer, losses, tensorCounts } = await trainSteps(`method=vicreg&${HEADS}&lr=0.003`, 20);
    expect(losses.every((l) => Number.isFinite(l) && l >= 0)).toBe(true);
    const { first, last } = firstAndLast(losses);
    expect(last).toBeLessThan(first);
    expect(new Set(tensorCounts).size).toBe(1);
    trainer.dispose();
  });

  it('the three knobs weigh the three terms: L(25, 25, 1) = 25·inv + 25·var + 1·cov, each term positive', async () => {
    // Same seed, same weights and views for every weighting.
    const dataset = syntheticDataset(240);
    const images = tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
    const lossAt = async (invariance: number, variance: number, covariance: number) => {
      const t = new Trainer(tinyConfig(`method=vicreg&${HEADS}&invariance=${invariance}&variance=${variance}&covariance=${covariance}&steps=10`), dataset);
      const l = t.method.loss({ images, step: 1, seed: 4, totalSteps: 10 });
      const v = (await l.data())[0];
      l.dispose();
      t.dispose();
      return v;
    };
    const inv = await lossAt(1, 0, 0);
    const vr = await lossAt(0, 1, 0);
    const cov = await lossAt(0, 0, 1);
    const total = await lossAt(25, 25, 1);
    expect(Math.min(inv, vr, cov)).toBeGreaterThan(1e-4);
    expect(Math.abs(total - (25 * inv + 25 * vr + cov))).toBeLessThan(1e-4 * total);
    images.dispose();
  });
});
