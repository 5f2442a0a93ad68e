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
import { METHOD_KEYS } from '../config/methods';

/**
 * Resume = the uninterrupted run. A run is checkpointed at step 4, a fresh trainer restores that
 * checkpoint (as after a reload), and steps 5–10 must give the very same losses and metrics on the
 * same backend: weights, Adam's moments and powers, EMA targets, each method's own state (MoCo's and
 * SwAV's queues, DINO's centre, DeepCluster's clustering, inpainting's discriminator and its Adam)
 * and the sampler's position all come back. The tolerance is zero (toEqual on float64 numbers read
 * from float32): one missed piece of state shows up at once.
 */

const TINY = 'steps=10&batch=8&n=64&width=4&probeTrain=40&probeTest=40&metricsEvery=2&probeEvery=0';
const HEAD = '&projHidden=16&projDim=8';
/**
 * SimCLR: weights, BatchNorm running statistics and the optimiser; BYOL: plus EMA targets (with their
 * own running statistics) and a momentum schedule; MoCo: plus the key queue; the supervised reference:
 * its own labelled-batch sampler; SimCLR with AdamW + warm-up + cosine and with LARS: other slots and
 * schedules. The last four's knobs are chosen so the method's own state matters after step 4: SwAV's
 * queue (16 rows = two batches) is used from step 3 on and its prototypes unfreeze at step 6; DINO's
 * teacher temperature is still warming up; DeepCluster re-clusters at steps 1, 5 and 9 (step 5
 * compares with the saved clustering, and seeds k-means by the saved count); inpainting's
 * discriminator trains every step.
 */
const CASES = [
  ['simclr', HEAD],
  ['byol', HEAD],
  ['moco', `${HEAD}&queueSize=32`],
  ['supervised', ''],
  ['simclr', `${HEAD}&optimizer=adamw&weightDecay=0.05&warmup=3&schedule=cosine`],
  ['simclr', `${HEAD}&optimizer=lars&weightDecay=0.000001&lr=0.3`],
  ['swav', `${HEAD}&prototypes=10&queueLength=16&queueStart=1&freezeSteps=5&smallCrops=2`],
  ['dino', `&projHidden=16&bottleneckDim=8&outDim=16&teacherTempStart=0.04&teacherTemp=0.07&teacherTempWarmup=8&smallCrops=2`],
  ['deepcluster', '&k=4&clusterEvery=4&pcaDim=4&kmeansIters=5'],
  ['inpainting', '&advWeight=0.5&holeSize=10'],
] as const;
/** The methods whose own state (not the trainer's) the test must be able to miss. */
const OWN_STATE = CASES.slice(6);
const cpuInfo = { name: 'cpu', adapter: 'plain JavaScript', fallbacks: [] };

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels('cpu');
});

describe('resume from a checkpoint', () => {
  for (const [method, extra] of CASES) {
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

  // The test above can fail: resumed with a fresh instance's own state (queue empty, centre zero, no
  // clustering, an untrained discriminator) instead of the saved one, each of these runs goes elsewhere.
  for (const [method, extra] of OWN_STATE) {
    it(`${method}: resumed without its own saved state, the losses differ`, async () => {
      const { config } = decodeConfig(`method=${method}&${TINY}${extra}`);
      const ds = syntheticDataset();
      const saved: { checkpoint: TrainerCheckpoint; history: HistoryRow[] }[] = [];
      const whole = await runTraining(config, ds, cpuInfo, { onCheckpoint: (checkpoint, history) => saved.push({ checkpoint, history }) }, undefined, { checkpointEvery: 4 });
      const fresh = new Trainer(config, ds);
      const freshState = (await fresh.checkpoint()).method;
      fresh.dispose();
      const forgetful = { ...saved[0], checkpoint: { ...saved[0].checkpoint, method: freshState } };
      const resumed = await runTraining(config, ds, cpuInfo, {}, undefined, { resume: forgetful });
      const losses = (run: typeof whole) => run.history.filter((r) => r.step > 4 && r.loss !== undefined).map((r) => r.loss);
      expect(losses(resumed)).toHaveLength(6);
      expect(losses(resumed)).not.toEqual(losses(whole));
    });
  }

  it('a checkpoint of another config is refused in words; methods with unsaved state say they cannot resume', async () => {
    const { config } = decodeConfig(`method=simclr&${TINY}${HEAD}`);
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
    const wider = new Trainer(decodeConfig(`method=simclr&${TINY}${HEAD}&width=8`).config, syntheticDataset());
    expect(() => wider.restore(c)).toThrow(/^checkpoint: weights 0 has shape/);
    wider.dispose();
    // Every method can be resumed now.
    for (const method of METHOD_KEYS) {
      const t = new Trainer(decodeConfig(`method=${method}&${TINY}`).config, syntheticDataset());
      expect(t.notResumable, method).toBeNull();
      t.dispose();
    }
  });
});
