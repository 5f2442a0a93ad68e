import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerMissingKernels } from '../backend/kernels';
import { loadDatasetFromDisk } from '../../runner/loadDatasetFs';
import { runTraining } from '../train/loop';
import { decodeConfig } from '../config/url';

beforeAll(async () => {
  // WASM, the runner's backend: the CPU backend needs ~10× longer for these 120 steps.
  await tf.setBackend('wasm');
  registerMissingKernels('wasm');
});

describe('supervised reference', () => {
  /**
   * The full reference (width 16, 1,000 labelled images, 500 steps of 64, lr 0.01, its default) probes
   * 92.8% on MNIST (seed 1, WASM, 145 s under shared CPU; raw pixels 88.0%, PCA-64 84.2%); too long
   * for a test. This is the small subset the brief allows: width 8, 300 labelled training and 300 test
   * digits, 120 steps of 32. Measured on WASM, seed 1: 85.7% against 66.7% at random init (raw pixels
   * 81.0%, PCA-32 77.7%). Stated thresholds: above 80% and at least 12 points above random init.
   *
   * Why the branch's first version of this test reached only 63.3%: its lr (0.003) was too low for 120
   * steps (0.01: 73.7%, 0.03: 75.7%), and the three-layer ConvNet sees 9×9 pixels before its global
   * average pool, too little of a digit; depth 5 (two more 3×3 layers on the 7×7 map, a 25 px receptive
   * field) takes it to 85.7% (depth 4: 76.3%). Neither BatchNorm (off: 69.7% at lr 0.003) nor the
   * augmentation (off: 61.3%) nor the probe was the cause.
   */
  it('learns MNIST from its 300 labelled images, well above its random init; every run carries the pixel and PCA references', async () => {
    const ds = loadDatasetFromDisk('mnist');
    const { config, ignored } = decodeConfig('method=supervised&width=8&depth=5&n=200&batch=32&probeTrain=300&probeTest=300&steps=120&lr=0.01&probeEvery=0&metricsEvery=120');
    expect(ignored).toEqual([]);
    const run = await runTraining(config, ds, { name: 'wasm', adapter: 'test', fallbacks: [] });
    expect(run.outcome).toBe('completed');
    expect(run.final.probeAccuracy).toBeGreaterThan(0.8);
    expect(run.final.probeAccuracy - run.final.baselineProbeAccuracy).toBeGreaterThan(0.12);
    // Both reference lines come with every run.
    expect(run.final.pixelProbeAccuracy).toBeGreaterThan(0.7);
    expect(run.final.pcaProbeAccuracy).toBeGreaterThan(0.6);
  }, 600_000);
});
