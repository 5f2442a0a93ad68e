import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstAndLast, trainSteps } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('methods train: loss falls over 20 steps, tensors stay flat', () => {
  for (const query of ['method=simclr&projHidden=32&projDim=16&lr=0.003', 'method=rotation&lr=0.003']) {
    it(query, async () => {
      const { trainer, losses, tensorCounts } = await trainSteps(query, 20);
      expect(losses.every(Number.isFinite)).toBe(true);
      const { first, last } = firstAndLast(losses);
      expect(last).toBeLessThan(first);
      expect(new Set(tensorCounts).size).toBe(1);
      trainer.dispose();
    });
  }
});
