import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { METHOD_KEYS } from '../config/methods';
import { lossAndGradient, trainSteps } from './testing';
import { TINY_METHOD_QUERIES } from './tinyQueries';

/**
 * The runner and the e2e tests train on WASM; unit tests and the loss references use the CPU
 * backend. For every method, one fixed batch must give the same loss and the same gradient of every
 * weight on both (each op of the step, forward and backward, has a working WASM kernel), and WASM
 * training must hold its tensor count flat. Tolerances: relative 1e-4 on the loss; per weight, the
 * worst gradient error within 1e-3 of that weight's largest gradient (float summation order differs
 * between the backends' kernels).
 */
const worst = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const largest = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('every method on WASM as on CPU', () => {
  it.each(METHOD_KEYS)('%s', async (key) => {
    const query = `method=${key}&${TINY_METHOD_QUERIES[key]}`;
    expect(await tf.setBackend('cpu')).toBe(true);
    const cpu = await lossAndGradient(query);
    expect(await tf.setBackend('wasm')).toBe(true);
    const wasm = await lossAndGradient(query);

    expect(Number.isFinite(cpu.loss)).toBe(true);
    expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-4 * Math.max(1, Math.abs(cpu.loss)));
    expect([...wasm.gradients.keys()]).toEqual([...cpu.gradients.keys()]);
    const overall = Math.max(...[...cpu.gradients.values()].map(largest));
    expect(overall).toBeGreaterThan(0);
    for (const [name, g] of cpu.gradients) {
      // A weight with (almost) no gradient is compared against the largest gradient anywhere.
      const scale = Math.max(largest(g), 1e-3 * overall);
      expect(worst(g, wasm.gradients.get(name)!) / scale, `${key}: gradient of ${name}`).toBeLessThan(1e-3);
    }

    // Two WASM updates after a warm-up: finite losses, no tensor left behind per step.
    const { trainer, losses, tensorCounts } = await trainSteps(query, 2);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(new Set(tensorCounts).size).toBe(1);
    trainer.dispose();
  });
});
