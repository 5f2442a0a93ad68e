import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { Trainer } from '../train/trainer';
import { snapshotValues, tinyConfig, trainSteps } from './testing';
import { syntheticDataset } from '../train/testing';

/**
 * The runner and the e2e tests train on WASM: the same seeded run must give the same losses there as
 * on the CPU backend (every op of the step, forward and backward, has a working WASM kernel).
 */
it('trains on wasm with the losses of the cpu backend', async () => {
  const query = 'method=inpainting&advWeight=0.1&holeOverlap=1&lr=0.003';
  const losses: Record<string, number[]> = {};
  for (const backend of ['cpu', 'wasm']) {
    expect(await tf.setBackend(backend)).toBe(true);
    const { trainer, losses: l, tensorCounts } = await trainSteps(query, 5);
    expect(new Set(tensorCounts).size).toBe(1);
    losses[backend] = l;
    if (backend === 'wasm') {
      // The first up-convolution (conv2dTranspose, decoder block 1) moved away from its initial value.
      const fresh = new Trainer(tinyConfig(`${query}&steps=6`), syntheticDataset(240));
      const upConv = (t: Trainer) => t.method.heads[0].vars.get('conv1.w')!;
      const [init] = await snapshotValues([upConv(fresh)]);
      const [trained] = await snapshotValues([upConv(trainer)]);
      expect(init.length).toBe(4 * 4 * 8 * 16);
      expect(trained.some((v, i) => Math.abs(v - init[i]) > 1e-4)).toBe(true);
      fresh.dispose();
    }
    trainer.dispose();
  }
  expect(losses.wasm.every(Number.isFinite)).toBe(true);
  losses.wasm.forEach((l, i) => expect(Math.abs(l - losses.cpu[i])).toBeLessThan(2e-3 * Math.max(1, Math.abs(losses.cpu[i]))));
});
