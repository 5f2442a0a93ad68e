import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchGrid } from '../augment/patches';
import { contextBatch, pairFeatures } from './context/batch';
import { firstAndLast, trainSteps } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Relative position (row, column) of each class, as Doersch et al. 2015 Fig. 2 numbers them. */
const POSITION_OF_CLASS = [[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 1], [1, -1], [1, 0], [1, 1]];

describe('context prediction', () => {
  it('labels each neighbour with its position relative to the centre (distinct cell intensities)', async () => {
    // 28×28, gap 1, no jitter: 8-px cells start at 1, 10, 19. Fill cell (r, c) with 10·r + c + 1
    // (gap pixels stay 0), so each patch's value says where it was cut.
    const grid = patchGrid(28, 28, 1, 0);
    const batch = 2;
    const v = new Float32Array(batch * 28 * 28);
    for (let b = 0; b < batch; b++)
      for (let r = 0; r < 3; r++)
        for (let c = 0; c < 3; c++)
          for (let y = 0; y < 8; y++)
            for (let x = 0; x < 8; x++) v[(b * 28 + 1 + 9 * r + y) * 28 + 1 + 9 * c + x] = 10 * r + c + 1 + 100 * b;
    const images = tf.tensor4d(v, [batch, 28, 28, 1]);
    const { patches, labels } = contextBatch(images, grid, 5);
    expect(patches.shape).toEqual([9 * batch, 8, 8, 1]);
    const p = await patches.data();
    const l = Array.from(await labels.data());
    const valueOf = (row: number) => {
      const first = p[row * 64];
      // An exact copy of one uniform cell: every pixel the same.
      for (let i = 1; i < 64; i++) expect(p[row * 64 + i]).toBe(first);
      return first;
    };
    for (let b = 0; b < batch; b++) {
      expect(valueOf(b)).toBe(10 * 1 + 1 + 1 + 100 * b);
      for (let k = 0; k < 8; k++) {
        const row = batch + k * batch + b;
        expect(l[k * batch + b]).toBe(k);
        const [dr, dc] = POSITION_OF_CLASS[l[k * batch + b]];
        expect(valueOf(row)).toBe(10 * (1 + dr) + (1 + dc) + 1 + 100 * b);
      }
    }
    tf.dispose([images, patches, labels]);
  });

  it('jitters each patch around its cell but keeps the class of its cell', async () => {
    // Pixel value = its own coordinate, so a patch's first pixel tells where it was cut.
    const grid = patchGrid(28, 28, 1, 1);
    const batch = 16;
    const images = tf.tensor4d(Float32Array.from({ length: batch * 784 }, (_, i) => i % 784), [batch, 28, 28, 1]);
    const { patches, labels } = contextBatch(images, grid, 9);
    const p = await patches.data();
    const l = await labels.data();
    const shifts = new Set<number>();
    for (let b = 0; b < batch; b++) {
      const centre = p[b * 64];
      const [cy, cx] = [Math.floor(centre / 28), centre % 28];
      for (let k = 0; k < 8; k++) {
        const first = p[(batch + k * batch + b) * 64];
        const [dr, dc] = POSITION_OF_CLASS[l[k * batch + b]];
        // Nominal distance between cells is size + gap = 9 px; each patch moves by ≤ 1 px per axis.
        const dy = Math.floor(first / 28) - cy - 9 * dr;
        const dx = (first % 28) - cx - 9 * dc;
        expect(Math.abs(dy)).toBeLessThanOrEqual(2);
        expect(Math.abs(dx)).toBeLessThanOrEqual(2);
        shifts.add(dy);
      }
    }
    expect(shifts.size).toBeGreaterThan(1);
    tf.dispose([images, patches, labels]);
  });

  it('pairs every neighbour with the features of its own centre patch', async () => {
    const batch = 2;
    // Features: row i is [i, −i].
    const features = tf.tensor2d(Float32Array.from({ length: 9 * batch * 2 }, (_, i) => (i % 2 ? -1 : 1) * Math.floor(i / 2)), [9 * batch, 2]);
    const pairs = pairFeatures(features, batch);
    expect(pairs.shape).toEqual([8 * batch, 4]);
    const v = await pairs.array();
    for (let k = 0; k < 8; k++)
      for (let b = 0; b < batch; b++) expect(v[k * batch + b]).toEqual([b, -b, batch + k * batch + b, -(batch + k * batch + b)]);
    tf.dispose([features, pairs]);
  });

  it('trains: loss falls over 20 steps, tensors stay flat, pretext accuracy is a fraction', async () => {
    const { trainer, losses, tensorCounts } = await trainSteps('method=context&clsHidden=16&lr=0.003', 20);
    expect(losses.every(Number.isFinite)).toBe(true);
    // Starts near ln 8 (uniform over the 8 positions).
    expect(losses[0]).toBeGreaterThan(Math.log(8) - 0.5);
    const { first, last } = firstAndLast(losses);
    expect(last).toBeLessThan(first);
    expect(new Set(tensorCounts).size).toBe(1);
    const metrics = trainer.method.extraMetrics!();
    const acc = (await metrics.pretextAccuracy!.data())[0];
    expect(acc).toBeGreaterThanOrEqual(0);
    expect(acc).toBeLessThanOrEqual(1);
    tf.dispose(Object.values(metrics));
    const snap = await trainer.method.snapshot!();
    expect(snap.bars![0].values).toHaveLength(8);
    // The per-position accuracies average to the overall one (same fixed eval pairs).
    expect(snap.bars![0].values.reduce((s, x) => s + x, 0) / 8).toBeCloseTo(acc, 5);
    trainer.dispose();
  });
});
