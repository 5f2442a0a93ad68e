import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it, vi } from 'vitest';
import { decodeConfig } from '../config/url';
import { runTraining } from './loop';
import { syntheticDataset } from './testing';

// Make NT-Xent return NaN from its 3rd call on (still connected to the weights, so the optimiser
// runs as it would on a real divergence).
let calls = 0;
vi.mock('../losses', async (importOriginal) => {
  const real = await importOriginal<typeof import('../losses')>();
  return {
    ...real,
    ntXent: (...args: Parameters<typeof real.ntXent>) => {
      calls += 1;
      const loss = real.ntXent(...args);
      return calls >= 3 ? tf.mul(loss, NaN) : loss;
    },
  };
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('a NaN loss stops the run, says at which step, and leaks nothing', async () => {
  const { config } = decodeConfig('method=simclr&steps=20&batch=8&n=64&width=4&probeTrain=40&probeTest=40&metricsEvery=1&probeEvery=0&projHidden=16&projDim=8');
  const before = tf.memory().numTensors;
  const run = await runTraining(config, syntheticDataset(), { name: 'cpu', adapter: 'plain JavaScript', fallbacks: [] });
  expect(run.outcome).toBe('diverged');
  expect(run.message).toBe('Loss became NaN at step 3; the run was stopped. Try a lower learning rate.');
  expect(run.history.filter((r) => r.loss !== undefined)).toHaveLength(3);
  expect(tf.memory().numTensors).toBe(before);
});
