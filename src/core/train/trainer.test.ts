import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeConfig } from '../config/url';
import { runTraining } from './loop';
import { syntheticDataset } from './testing';
import { Trainer } from './trainer';
import { registerMissingKernels } from '../backend/kernels';

const TINY = 'steps=5&batch=8&n=64&width=4&probeTrain=40&probeTest=40&metricsEvery=1&probeEvery=0';
const cpuInfo = { name: 'cpu', adapter: 'plain JavaScript', fallbacks: [] };

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels('cpu');
});

describe('Trainer', () => {
  for (const method of ['simclr', 'rotation'] as const) {
    it(`${method}: tensors in use stay flat across 5 training steps`, () => {
      const { config } = decodeConfig(`method=${method}&${TINY}&projHidden=16&projDim=8`.replace(method === 'rotation' ? '&projHidden=16&projDim=8' : '', ''));
      const trainer = new Trainer(config, syntheticDataset());
      trainer.step().dispose(); // warm-up: the optimiser creates its moment variables on step 1
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) {
        trainer.step().dispose();
        expect(tf.memory().numTensors).toBe(before);
      }
      trainer.dispose();
    });
  }

  it('the same config on the same backend gives the same losses; another seed does not', async () => {
    const ds = syntheticDataset();
    const losses = async (seed: number) => {
      const { config } = decodeConfig(`method=simclr&${TINY}&projHidden=16&projDim=8&seed=${seed}`);
      const run = await runTraining(config, ds, cpuInfo);
      return run.history.filter((r) => r.loss !== undefined).map((r) => r.loss);
    };
    const a = await losses(3);
    expect(a).toHaveLength(5);
    expect(await losses(3)).toEqual(a);
    expect(await losses(4)).not.toEqual(a);
  });

  it('a whole run leaves no tensors behind and reads back once per metric reading', async () => {
    const { config } = decodeConfig(`method=rotation&${TINY}&metricsEvery=5`);
    const before = tf.memory().numTensors;
    const run = await runTraining(config, syntheticDataset(), cpuInfo);
    expect(tf.memory().numTensors).toBe(before);
    // Step 0: embedding (RankMe) + metrics; step 5: losses + embedding + metrics (probe included).
    expect(run.hostReads).toBe(5);
    expect(run.outcome).toBe('completed');
    expect(run.final.probeAccuracy).toBeGreaterThanOrEqual(0);
    expect(run.final.probeAccuracy).toBeLessThanOrEqual(1);
    expect(run.final.embeddingDim).toBe(16);
    expect(run.history[0].step).toBe(0);
    expect(run.history.filter((r) => r.loss !== undefined).map((r) => r.step)).toEqual([1, 2, 3, 4, 5]);
  });

  it('stop ends the run early with a final probe', async () => {
    const { config } = decodeConfig(`method=rotation&${TINY}&steps=50`);
    let calls = 0;
    const run = await runTraining(config, syntheticDataset(), cpuInfo, {}, { shouldStop: () => ++calls > 3, waitWhilePaused: async () => {} });
    expect(run.outcome).toBe('stopped');
    expect(run.message).toBe('Stopped at step 3 of 50.');
    expect(Number.isFinite(run.final.probeAccuracy)).toBe(true);
  });

  it('stop between readings keeps every loss computed: the record ends at the step it says', async () => {
    const { config } = decodeConfig(`method=rotation&${TINY}&steps=50&metricsEvery=5`);
    let calls = 0;
    const streamed: number[] = [];
    const run = await runTraining(config, syntheticDataset(), cpuInfo, { onHistory: (rows) => streamed.push(...rows.map((r) => r.step)) }, { shouldStop: () => ++calls > 12, waitWhilePaused: async () => {} });
    expect(run.message).toBe('Stopped at step 12 of 50.');
    const lossSteps = run.history.filter((r) => r.loss !== undefined).map((r) => r.step);
    expect(lossSteps).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(run.history.every((r) => r.loss === undefined || Number.isFinite(r.loss))).toBe(true);
    // The UI got them too, not only the record.
    expect(streamed.at(-1)).toBe(12);
    expect(run.final.loss).toBe(run.history.find((r) => r.step === 12)!.loss);
  });

  it('progress reaches the UI every step, with no extra read-back', async () => {
    const { config } = decodeConfig(`method=rotation&${TINY}&steps=7&metricsEvery=5`);
    const steps: number[] = [];
    const run = await runTraining(config, syntheticDataset(), cpuInfo, { onProgress: (p) => steps.push(p.step) });
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // As before per-step progress: 2 at step 0, 3 per reading (losses, embedding, metrics) at steps 5 and 7.
    expect(run.hostReads).toBe(8);
  });
});
