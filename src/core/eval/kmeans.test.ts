import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { kmeans } from './kmeans';
import { nmi } from './nmi';

/** `perBlob` points around each centre, uniform noise in ±0.5; labels = blob index. */
function blobs(centres: number[][], perBlob: number, seed = 1): { x: Float32Array; labels: number[]; d: number } {
  const rng = mulberry32(seed);
  const d = centres[0].length;
  const x = new Float32Array(centres.length * perBlob * d);
  const labels: number[] = [];
  centres.forEach((c, b) => {
    for (let i = 0; i < perBlob; i++) {
      const row = b * perBlob + i;
      c.forEach((v, j) => { x[row * d + j] = v + rng() - 0.5; });
      labels.push(b);
    }
  });
  return { x, labels, d };
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

for (const backend of ['cpu', 'wasm']) {
  describe(`kmeans on ${backend}`, () => {
    it('recovers 3 well-separated blobs (NMI = 1) with centroids at the blob means', async () => {
      expect(await tf.setBackend(backend)).toBe(true);
      const centres = [[0, 0, 0], [10, 0, 0], [0, 10, 5]];
      const { x, labels, d } = blobs(centres, 30);
      const xt = tf.tensor2d(x, [labels.length, d]);
      const before = tf.memory().numTensors;
      const r = await kmeans(xt, { k: 3, iterations: 20, seed: 4 });
      expect(nmi(r.assignments, labels)).toBeGreaterThan(0.999);
      expect(Array.from(r.sizes)).toEqual([30, 30, 30]);
      // Each centroid is the mean of its blob's points, computed here on the host.
      const c = await r.centroids.data();
      for (let cl = 0; cl < 3; cl++) {
        const blob = labels[r.assignments.indexOf(cl)];
        for (let j = 0; j < d; j++) {
          let mean = 0;
          for (let i = 0; i < 30; i++) mean += x[(blob * 30 + i) * d + j] / 30;
          expect(c[cl * d + j]).toBeCloseTo(mean, 4);
        }
      }
      expect(r.reads).toBeLessThanOrEqual(20 + 2);
      r.centroids.dispose();
      expect(tf.memory().numTensors).toBe(before);
      xt.dispose();
    });

    it('re-seeds an empty cluster by splitting a non-empty one, then separates its points', async () => {
      expect(await tf.setBackend(backend)).toBe(true);
      const { x, labels, d } = blobs([[10, 0], [0, 0]], 30, 2);
      const xt = tf.tensor2d(x, [60, d]);
      // Centroid 0 at the middle of both blobs takes every point; centroid 1 is far away and empty.
      const r = await kmeans(xt, { k: 2, iterations: 10, seed: 1, init: new Float32Array([5, 0, 100, 100]) });
      expect(r.reseeded).toBeGreaterThanOrEqual(1);
      expect(Array.from(r.sizes)).toEqual([30, 30]);
      expect(nmi(r.assignments, labels)).toBeGreaterThan(0.999);
      // Without the re-seeding the far centroid would have stayed empty: one cluster of 60.
      const stuck = await kmeans(xt, { k: 2, iterations: 0, seed: 1, init: new Float32Array([5, 0, 100, 100]) });
      expect(Array.from(stuck.sizes)).toEqual([60, 0]);
      tf.dispose([xt, r.centroids, stuck.centroids]);
    });
  });
}

it('rejects k larger than the number of points', async () => {
  await tf.setBackend('cpu');
  const xt = tf.zeros([3, 2]) as tf.Tensor2D;
  await expect(kmeans(xt, { k: 4, iterations: 1, seed: 1 })).rejects.toThrow(/k = 4/);
  xt.dispose();
});
