import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeConfig } from '../config/url';
import { registerMissingKernels } from '../backend/kernels';
import { runTraining } from './loop';
import { syntheticDataset } from './testing';
import { Trainer } from './trainer';

const TINY = 'method=rotation&steps=3&batch=8&n=64&width=4&probeTrain=100&probeTest=40&metricsEvery=3&probeEvery=0';
const cpuInfo = { name: 'cpu', adapter: 'plain JavaScript', fallbacks: [] };

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels('cpu');
});

describe('evaluation protocols in a run', () => {
  it('fine-tunes at 1/10/100% beside random init, reports random init probes per fraction, leaks nothing', async () => {
    const { config, ignored } = decodeConfig(`${TINY}&finetuneSteps=4&finetuneLr=0.01&labelFraction=0.1`);
    expect(ignored).toEqual([]);
    const before = tf.memory().numTensors;
    const run = await runTraining(config, syntheticDataset(), cpuInfo);
    expect(tf.memory().numTensors).toBe(before);
    const f = run.final;
    for (const pct of [1, 10, 100]) {
      for (const key of [`finetuneAccuracy${pct}pct`, `baselineFinetuneAccuracy${pct}pct`, `baselineProbeAccuracy${pct}pct`, `probeAccuracy${pct}pct`]) {
        expect(f[key], key).toBeGreaterThanOrEqual(0);
        expect(f[key], key).toBeLessThanOrEqual(1);
      }
    }
    // Without a suffix: at the run's own label fraction, 10%.
    expect(f.finetuneAccuracy).toBe(f.finetuneAccuracy10pct);
    expect(f.baselineFinetuneAccuracy).toBe(f.baselineFinetuneAccuracy10pct);
    // The step-0 row is random init; at the run's fraction it is the baseline line the app always drew.
    expect(f.baselineProbeAccuracy10pct).toBe(f.baselineProbeAccuracy);
    expect(run.history[0].probeAccuracy10pct).toBe(f.baselineProbeAccuracy);
  });

  it('fine-tuning leaves the trained encoder as it was: probes and weights before and after are equal', async () => {
    const { config } = decodeConfig(`${TINY}&finetuneSteps=3&finetuneLr=0.05`);
    const trainer = new Trainer(config, syntheticDataset());
    trainer.step().dispose();
    const read = async (named: Record<string, tf.Scalar>) => Object.fromEntries(await Promise.all(Object.entries(named).map(async ([k, v]) => [k, (await v.data())[0]] as const)));
    const weights = async () => Promise.all(trainer.encoder.params.list().map(async (v) => Array.from(await v.data())));
    const [probeBefore, weightsBefore] = [await read(trainer.probe()), await weights()];
    const tuned = await read(await trainer.finetune());
    expect(Object.keys(tuned).sort()).toEqual(['baselineFinetuneAccuracy', 'baselineFinetuneAccuracy100pct', 'baselineFinetuneAccuracy10pct', 'baselineFinetuneAccuracy1pct', 'finetuneAccuracy', 'finetuneAccuracy100pct', 'finetuneAccuracy10pct', 'finetuneAccuracy1pct']);
    expect(await weights()).toEqual(weightsBefore);
    expect(await read(trainer.probe())).toEqual(probeBefore);
    trainer.dispose();
  });

  it('without finetuneSteps a run has no fine-tune numbers (old links mean what they meant)', async () => {
    const { config } = decodeConfig(TINY);
    expect(config.finetuneSteps).toBe(0);
    const run = await runTraining(config, syntheticDataset(), cpuInfo);
    expect(Object.keys(run.final).filter((k) => /finetune/i.test(k))).toEqual([]);
  });

  it('evalDataset: probes read the other dataset; the same images as their own run evaluates on', async () => {
    const pretrain = syntheticDataset(300, 1);
    // The "other domain": the same bars with classes shifted, so a probe of the same encoder differs.
    const other = { ...syntheticDataset(300, 9), key: 'fashion-mnist' };
    const { config } = decodeConfig(`${TINY}&evalDataset=fashion-mnist`);
    const transfer = await runTraining(config, pretrain, cpuInfo, {}, undefined, { evalDataset: other });
    const own = await runTraining({ ...config, evalDataset: 'same' }, other, cpuInfo);
    // Random init is the same encoder in both runs (same seed): on the same evaluation images the
    // step-0 probe must agree exactly; pre-training itself is untouched by where it is evaluated.
    const home = await runTraining({ ...config, evalDataset: 'same' }, pretrain, cpuInfo);
    expect(transfer.final.baselineProbeAccuracy).toBe(own.final.baselineProbeAccuracy);
    expect(transfer.final.baselineKnnAccuracy).toBe(own.final.baselineKnnAccuracy);
    expect(home.history[1].loss).toBe(transfer.history[1].loss);
    await expect(runTraining(config, pretrain, cpuInfo)).rejects.toThrow('evalDataset fashion-mnist: the evaluation dataset was not loaded');
  });
});
