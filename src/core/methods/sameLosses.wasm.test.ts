import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { registerMissingKernels } from '../backend/kernels';
import { METHOD_KEYS, type MethodKey } from '../config/methods';
import { Trainer } from '../train/trainer';
import { syntheticDataset } from '../train/testing';
import { tinyConfig } from './testing';
import { TINY_METHOD_QUERIES } from './tinyQueries';

/**
 * Refactoring guard: every method's first losses on WASM (the runner's backend), seed 1, as recorded
 * in sameLosses.wasm.json (re-recorded deliberately for issue 11: the ConvNet gained BatchNorm, on by
 * default, and the optimiser became the project's own PyTorch-rule Adam, ε 1e-8; MAE and DINO again for format v4's
 * defaults: masking ratio 0.25, teacher momentum 0.99; MAE for v5's: ratio 0.5, AdamW). A change that alters what a method
 * computes (its weights' initial values, its views, its loss) shows up here. The tolerance is relative
 * 1e-3, not exact: a faster WASM kernel may sum in another order (float rounding, ~1e-6 relative).
 * Re-record only for an intended change of behaviour: RECORD_LOSSES=1 npx vitest run <this file>.
 */
const FIXTURE = new URL('./sameLosses.wasm.json', import.meta.url);
const STEPS = 3;

async function firstLosses(key: MethodKey): Promise<number[]> {
  const trainer = new Trainer(tinyConfig(`method=${key}&${TINY_METHOD_QUERIES[key]}&steps=${STEPS}`), syntheticDataset(240));
  const losses: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    await trainer.beforeStep();
    const loss = trainer.step();
    losses.push((await loss.data())[0]);
    loss.dispose();
  }
  trainer.dispose();
  return losses;
}

describe('every method trains to the recorded losses on WASM', () => {
  const recording = process.env.RECORD_LOSSES === '1';
  const recorded: Partial<Record<MethodKey, number[]>> = recording ? {} : JSON.parse(readFileSync(FIXTURE, 'utf8'));

  it.each(METHOD_KEYS)('%s', async (key) => {
    expect(await tf.setBackend('wasm')).toBe(true);
    registerMissingKernels('wasm');
    const losses = await firstLosses(key);
    expect(losses.every(Number.isFinite)).toBe(true);
    if (recording) {
      recorded[key] = losses;
      writeFileSync(FIXTURE, `${JSON.stringify(recorded, null, 2)}\n`);
      return;
    }
    const expected = recorded[key];
    expect(expected, `no recorded losses for ${key}`).toHaveLength(STEPS);
    losses.forEach((l, i) => expect(Math.abs(l - expected![i]), `${key} step ${i + 1}: ${l} vs ${expected![i]}`).toBeLessThan(1e-3 * Math.max(1, Math.abs(expected![i]))));
  });
});
