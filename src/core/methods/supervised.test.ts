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
   * The full reference (width 16, 1,000 labelled images, 500 steps) needs minutes; this is the small
   * subset the brief allows: width 8, 300 labelled training and 300 test digits, 120 steps of 32 at
   * lr 0.003, about 13 passes over the 300 images. Measured on WASM, seed 1: probe 63.0% against 53.0%
   * at random init (raw pixels 81.0%, PCA-32 77.7%). Stated thresholds: above 58% and at least 5
   * points above random init. That this small budget stays below raw pixels is itself a finding: the
   * three-layer, globally pooled ConvNet learns slowly even with labels (width 16 without augmentation:
   * 68.0% after the same 120 steps), see docs/FINDINGS.md.
   */
  it('learns MNIST from its 300 labelled images, above its random init; every run carries the pixel and PCA references', async () => {
    const ds = loadDatasetFromDisk('mnist');
    const { config, ignored } = decodeConfig('method=supervised&width=8&n=200&batch=32&probeTrain=300&probeTest=300&steps=120&lr=0.003&probeEvery=0&metricsEvery=120');
    expect(ignored).toEqual([]);
    const run = await runTraining(config, ds, { name: 'wasm', adapter: 'test', fallbacks: [] });
    expect(run.outcome).toBe('completed');
    expect(run.final.probeAccuracy).toBeGreaterThan(0.58);
    expect(run.final.probeAccuracy - run.final.baselineProbeAccuracy).toBeGreaterThan(0.05);
    // Both reference lines come with every run.
    expect(run.final.pixelProbeAccuracy).toBeGreaterThan(0.7);
    expect(run.final.pcaProbeAccuracy).toBeGreaterThan(0.6);
  }, 600_000);
});
