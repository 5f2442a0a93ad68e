import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { trainSteps } from './testing';

/**
 * The runner and the e2e tests train on WASM: the same seeded run must give the same losses there as
 * on the CPU backend (every op of the step, forward and backward, has a working WASM kernel).
 */
it('trains on wasm with the losses of the cpu backend', async () => {
  const query = 'method=jigsaw&permutations=10&clsHidden=16&lr=0.003';
  const losses: Record<string, number[]> = {};
  for (const backend of ['cpu', 'wasm']) {
    expect(await tf.setBackend(backend)).toBe(true);
    const { trainer, losses: l, tensorCounts } = await trainSteps(query, 5);
    expect(new Set(tensorCounts).size).toBe(1);
    losses[backend] = l;
    trainer.dispose();
  }
  expect(losses.wasm.every(Number.isFinite)).toBe(true);
  losses.wasm.forEach((l, i) => expect(Math.abs(l - losses.cpu[i])).toBeLessThan(2e-3 * Math.max(1, Math.abs(losses.cpu[i]))));
});
