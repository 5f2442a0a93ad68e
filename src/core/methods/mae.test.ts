import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePatchMasks } from '../augment/masks';
import { defaultConfig } from '../config/schema';
import { createVitEncoder, patchify } from '../nets/vit';
import { ParamSet } from '../nets/params';
import { warmupCosine } from '../nets/vit/schedule';
import { pattern } from '../nets/vit/testUtil';
import type { SnapshotImages } from '../train/run';
import { reconstruct } from './mae/reconstruct';
import { firstAndLast, trainSteps, type TrainedSteps } from './testing';

const VIT = 'vitDim=8&vitDepth=1&vitHeads=2&decoderDim=8&decoderDepth=1&lr=0.003';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('mae trains', () => {
  let run: TrainedSteps;
  beforeAll(async () => {
    run = await trainSteps(`method=mae&${VIT}`, 20);
  });
  afterAll(() => run.trainer.dispose());

  it('the masked-patch loss falls over 20 steps and tensors stay flat', () => {
    expect(run.losses.every(Number.isFinite)).toBe(true);
    const { first, last } = firstAndLast(run.losses);
    expect(last).toBeLessThan(first * 0.95);
    expect(new Set(run.tensorCounts).size).toBe(1);
  });

  it('snapshots masked input, reconstruction (visible patches pasted) and original as 8-bit images', async () => {
    const { trainer } = run;
    const before = tf.memory().numTensors;
    const snap = await trainer.method.snapshot!();
    expect(tf.memory().numTensors).toBe(before);
    expect(snap.images).toHaveLength(1);
    const img = snap.images![0] as SnapshotImages;
    expect(img.columns).toEqual(['masked input', 'reconstruction', 'original']);
    expect([img.height, img.width, img.channels]).toEqual([28, 28, 1]);
    expect(img.rows).toHaveLength(6);
    const ds = trainer.dataset;
    img.rows.forEach((row, i) => {
      const [masked, recon, original] = row;
      for (const im of row) expect(im).toHaveLength(784);
      // The original is the dataset image (fixed unlabelled indices), exactly.
      const idx = trainer.splits.unlabelled[i];
      expect(Array.from(original)).toEqual(Array.from(ds.pixels.subarray(idx * 784, (idx + 1) * 784)));
      // Patch by patch (4 px, 7×7): hidden ones are grey in the input; visible ones are copied.
      let hidden = 0;
      for (let pr = 0; pr < 7; pr++) {
        for (let pc = 0; pc < 7; pc++) {
          const px = Array.from({ length: 16 }, (_, k) => (pr * 4 + Math.floor(k / 4)) * 28 + pc * 4 + (k % 4));
          if (px.every((j) => masked[j] === 128)) {
            hidden++;
          } else {
            for (const j of px) {
              expect(masked[j]).toBe(original[j]);
              expect(recon[j]).toBe(original[j]);
            }
          }
        }
      }
      // The default masking ratio's share of the 49 patches (0.25 since v4; the paper's 0.75).
      expect(hidden).toBe(Math.round((defaultConfig('mae').params.maskRatio as number) * 49));
      // The decoder's pixels differ from plain grey: it predicts something.
      expect(new Set(Array.from(recon)).size).toBeGreaterThan(10);
    });
  });

  it('charts reconMse, the hidden-patch pixel error, and leaks nothing doing so', async () => {
    const before = tf.memory().numTensors;
    const metrics = run.trainer.method.extraMetrics!();
    const mse = (await metrics.reconMse!.data())[0];
    tf.dispose(Object.values(metrics));
    expect(tf.memory().numTensors).toBe(before);
    expect(mse).toBeGreaterThan(0);
    expect(mse).toBeLessThan(0.5);
  });
});

describe('mae settings', () => {
  it('masking ratios 0.25, 0.75, 0.9 and block/grid masks all train', async () => {
    for (const q of ['maskRatio=0.25', 'maskRatio=0.9', 'maskType=block', 'maskType=grid&normPixels=0']) {
      const { trainer, losses, tensorCounts } = await trainSteps(`method=mae&${VIT}&${q}`, 12);
      expect(losses.every(Number.isFinite), q).toBe(true);
      const { first, last } = firstAndLast(losses, 3);
      expect(last, q).toBeLessThan(first);
      expect(new Set(tensorCounts).size, q).toBe(1);
      trainer.dispose();
    }
  });

  it('dispose frees everything the method made', async () => {
    const before = tf.memory().numTensors;
    const { trainer } = await trainSteps(`method=mae&${VIT}`, 1);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('mae reconstruction un-normalises normPixels predictions', () => {
  it('a decoder that predicts the standardised target gives back the target pixels', async () => {
    const vit = createVitEncoder({ channels: 1, height: 28, width: 28, patchSize: 7, dim: 8, depth: 1, heads: 2, seed: 1 });
    const x = pattern([2, 28, 28, 1]) as tf.Tensor4D;
    const masks = samplePatchMasks('random', 2, 4, 4, 0.5, 3);
    // Standardised independently: (t − mean) / sqrt(unbiased var + 1e-6), per patch of 49 values.
    const target = (await patchify(x, vit.grid).array()) as number[][][];
    const standardised = target.map((s) =>
      s.map((patch) => {
        const mean = patch.reduce((a, v) => a + v, 0) / patch.length;
        const variance = patch.reduce((a, v) => a + (v - mean) ** 2, 0) / (patch.length - 1);
        return patch.map((v) => (v - mean) / Math.sqrt(variance + 1e-6));
      }),
    );
    const perfect = { params: new ParamSet('stub', 0), apply: () => tf.tensor3d(standardised) };
    const r = reconstruct(vit, perfect, x, masks, true);
    const worst = tf.max(tf.abs(tf.sub(r.predicted, r.target)));
    expect((await worst.data())[0]).toBeLessThan(1e-5);
    vit.params.dispose();
  });
});

describe('warmup + cosine learning rate (MAE Table 8)', () => {
  it('rises linearly over the warmup, then decays along a cosine without reaching 0', () => {
    const total = 200;
    const lr = (s: number) => warmupCosine(s, total, 1e-3, 0.05);
    expect(lr(1)).toBeCloseTo(1e-4, 10);
    expect(lr(5)).toBeCloseTo(5e-4, 10);
    expect(lr(10)).toBeCloseTo(1e-3, 10);
    expect(lr(11)).toBeCloseTo(1e-3, 10);
    // Half-way through the decay the cosine is at ½.
    expect(lr(10 + 1 + 95)).toBeCloseTo(5e-4, 10);
    for (let s = 11; s < total; s++) expect(lr(s + 1)).toBeLessThan(lr(s));
    expect(lr(total)).toBeGreaterThan(0);
    expect(lr(total)).toBeLessThan(1e-6);
  });
});
