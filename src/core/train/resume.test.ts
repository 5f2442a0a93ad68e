import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeConfig } from '../config/url';
import { checkpointBytes, type TrainerCheckpoint } from './checkpoint';
import { runTraining } from './loop';
import type { HistoryRow } from './run';
import { syntheticDataset } from './testing';
import { Trainer } from './trainer';
import { registerMissingKernels } from '../backend/kernels';

/**
 * Resume = the uninterrupted run. A run is checkpointed at step 4, a fresh trainer restores that
 * checkpoint (as after a reload), and steps 5–10 must give the very same losses and metrics on the
 * same backend: weights, Adam's moments and powers, EMA targets, MoCo's queue and the sampler's
 * position all come back. Exact equality, not closeness: one missed piece of state shows up at once.
 */

const TINY = 'steps=10&batch=8&n=64&width=4&probeTrain=40&probeTest=40&metricsEvery=2&probeEvery=0';
/** Projector sizes for the methods that have one. */
const HEADS = '&projHidden=16&projDim=8';
const cpuInfo = { name: 'cpu', adapter: 'plain JavaScript', fallbacks: [] };

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels('cpu');
});

describe('resume from a checkpoint', () => {
  // SimCLR: weights, BatchNorm running statistics and the optimiser; BYOL: plus EMA targets (with their
  // own running statistics) and a momentum schedule; MoCo: plus the key queue; the supervised reference:
  // its own labelled-batch sampler; SimCLR with AdamW + warm-up + cosine and with LARS: other slots and schedules.
  const cases = [
    ['simclr', HEADS],
    ['byol', HEADS],
    ['moco', `${HEADS}&queueSize=32`],
    ['supervised', ''],
    ['simclr', `${HEADS}&optimizer=adamw&weightDecay=0.05&warmup=3&schedule=cosine`],
    ['simclr', `${HEADS}&optimizer=lars&weightDecay=0.000001&lr=0.3`],
  ] as const;
  for (const [method, extra] of cases) {
    it(`${method}${extra}: steps 5–10 after a restore at step 4 equal the uninterrupted run's`, async () => {
      const { config, ignored } = decodeConfig(`method=${method}&${TINY}${extra}`);
      expect(ignored).toEqual([]);
      const ds = syntheticDataset();
      const saved: { checkpoint: TrainerCheckpoint; history: HistoryRow[] }[] = [];
      const whole = await runTraining(config, ds, cpuInfo, { onCheckpoint: (checkpoint, history) => saved.push({ checkpoint, history }) }, undefined, { checkpointEvery: 4 });
      expect(saved.map((s) => s.checkpoint.step)).toEqual([4, 8]);
      expect(saved[0].history.at(-1)!.step).toBe(4);

      const before = tf.memory().numTensors;
      const resumed = await runTraining(config, ds, cpuInfo, {}, undefined, { resume: saved[0] });
      expect(tf.memory().numTensors).toBe(before);
      const losses = (run: typeof whole) => run.history.filter((r) => r.step > 4 && r.loss !== undefined).map((r) => r.loss);
      expect(losses(whole)).toHaveLength(6);
      expect(losses(resumed)).toEqual(losses(whole));
      expect(resumed.history).toEqual(whole.history);
      expect(resumed.final).toEqual(whole.final);
    });
  }

  it('a checkpoint of another config is refused in words; methods with unsaved state say they cannot resume', async () => {
    const { config } = decodeConfig(`method=simclr&${TINY}${HEADS}`);
    const a = new Trainer(config, syntheticDataset());
    a.step().dispose();
    const c = await a.checkpoint();
    expect(c.step).toBe(1);
    // Every weight, both Adam moments of each, and each encoder BatchNorm's running mean and variance
    // (channels width, 2·width, 4·width = 4, 8, 16), 4 bytes a value.
    const params = a.parameterCount();
    expect(c.buffers.map((b) => b.shape[0])).toEqual([4, 4, 8, 8, 16, 16]);
    expect(checkpointBytes(c)).toBe((params * 3 + 2 * (4 + 8 + 16)) * 4);
    a.dispose();
    const wider = new Trainer(decodeConfig(`method=simclr&${TINY}${HEADS}&width=8`).config, syntheticDataset());
    expect(() => wider.restore(c)).toThrow(/^checkpoint: weights 0 has shape/);
    wider.dispose();
    const swav = new Trainer(decodeConfig(`method=swav&${TINY}`).config, syntheticDataset());
    expect(swav.notResumable).toBe('swav keeps state between steps that is not checkpointed yet');
    swav.dispose();
  });
});
