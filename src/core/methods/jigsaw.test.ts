import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchGrid } from '../augment/patches';
import { jigsawBatch, puzzleFeatures } from './jigsaw/batch';
import { hammingStats, maxHammingPermutations } from './jigsaw/permutations';
import { firstAndLast, trainSteps } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rowsOf = (packed: Uint8Array) => Array.from({ length: packed.length / 9 }, (_, i) => Array.from(packed.subarray(i * 9, i * 9 + 9)));
const distance = (a: number[], b: number[]) => a.reduce((d, v, i) => d + (v === b[i] ? 0 : 1), 0);

/** Every permutation of 0…8, by recursion (independent of the module's lexicographic stepping). */
function everyPermutation(): number[][] {
  const out: number[][] = [];
  const rec = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) out.push(prefix);
    rest.forEach((v, i) => rec([...prefix, v], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  rec([], [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  return out;
}

describe('jigsaw permutation set', () => {
  it('has P distinct permutations of 0…8 whose min Hamming distance matches a brute-force count', () => {
    for (const p of [10, 30]) {
      const set = rowsOf(maxHammingPermutations(p, 4));
      expect(set).toHaveLength(p);
      for (const perm of set) expect([...perm].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(new Set(set.map((r) => r.join(','))).size).toBe(p);
      let min = 9;
      let sum = 0;
      for (let i = 0; i < p; i++)
        for (let j = i + 1; j < p; j++) {
          min = Math.min(min, distance(set[i], set[j]));
          sum += distance(set[i], set[j]);
        }
      const stats = hammingStats(maxHammingPermutations(p, 4));
      expect(stats.min).toBe(min);
      expect(stats.mean).toBeCloseTo(sum / ((p * (p - 1)) / 2), 10);
      expect(stats.histogram.reduce((s, c) => s + c, 0)).toBe((p * (p - 1)) / 2);
      // Far apart: a random set of 10 almost surely has a pair at distance ≤ 6.
      expect(min).toBeGreaterThanOrEqual(p === 10 ? 8 : 7);
    }
  });

  it('is greedy: each permutation added has the largest min distance to those before (brute force over 9!)', () => {
    const set = rowsOf(maxHammingPermutations(6, 11));
    const all = everyPermutation();
    expect(all).toHaveLength(362880);
    for (let i = 1; i < set.length; i++) {
      const minTo = (q: number[]) => Math.min(...set.slice(0, i).map((s) => distance(s, q)));
      let best = 0;
      for (const q of all) best = Math.max(best, minTo(q));
      expect(minTo(set[i])).toBe(best);
    }
  });

  it('is seeded: the same seed gives the same set, another seed another set', () => {
    const a = maxHammingPermutations(10, 1);
    expect(maxHammingPermutations(10, 1)).toEqual(a);
    expect(maxHammingPermutations(10, 2)).not.toEqual(a);
  });

  it('shows slot s the tile of cell perm[s], for the permutation the label names (hand-built image)', async () => {
    // gap 1, no jitter: 8-px cells start at 1, 10, 19; cell r·3 + c is filled with its own index + 1.
    const grid = patchGrid(28, 28, 1, 0);
    const batch = 5;
    const v = new Float32Array(batch * 784);
    for (let b = 0; b < batch; b++)
      for (let cell = 0; cell < 9; cell++)
        for (let y = 0; y < 8; y++)
          for (let x = 0; x < 8; x++) v[b * 784 + (1 + 9 * Math.floor(cell / 3) + y) * 28 + 1 + 9 * (cell % 3) + x] = cell + 1;
    const images = tf.tensor4d(v, [batch, 28, 28, 1]);
    const perms = maxHammingPermutations(10, 3);
    const set = rowsOf(perms);
    const { tiles, labels, labelValues } = jigsawBatch(images, grid, perms, 21);
    expect(tiles.shape).toEqual([9 * batch, 8, 8, 1]);
    const t = await tiles.data();
    const l = Array.from(await labels.data());
    expect(l).toEqual(Array.from(labelValues));
    expect(new Set(l).size).toBeGreaterThan(1);
    for (let b = 0; b < batch; b++) {
      const shown = Array.from({ length: 9 }, (_, s) => t[(s * batch + b) * 64] - 1);
      expect(shown).toEqual(set[l[b]]);
    }
    tf.dispose([images, tiles, labels]);
  });

  it('concatenates the tile features of each puzzle in slot order', async () => {
    const batch = 2;
    const features = tf.tensor2d(Float32Array.from({ length: 9 * batch }, (_, i) => i), [9 * batch, 1]);
    const puzzles = puzzleFeatures(features, batch);
    expect(await puzzles.array()).toEqual([0, 1].map((b) => Array.from({ length: 9 }, (_, s) => s * batch + b)));
    tf.dispose([features, puzzles]);
  });

  it('trains: loss falls over 20 steps, tensors stay flat, snapshot shows the set and the puzzles', async () => {
    const { trainer, losses, tensorCounts } = await trainSteps('method=jigsaw&permutations=10&clsHidden=16&lr=0.003', 20);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[0]).toBeGreaterThan(Math.log(10) - 0.5);
    const { first, last } = firstAndLast(losses);
    expect(last).toBeLessThan(first);
    expect(new Set(tensorCounts).size).toBe(1);
    const before = tf.memory().numTensors;
    const snap = await trainer.method.snapshot!();
    expect(tf.memory().numTensors).toBe(before);
    expect(snap.bars![0].title).toMatch(/min 8/);
    // Shuffled tiles, the tiles put back by the predicted permutation, the original.
    expect(snap.images![0].rows[0]).toHaveLength(3);
    for (const [truth, guess] of snap.images![0].notes!) expect(guess.ok).toBe(guess.text === truth.text.replace('permutation ', 'says '));
    expect(snap.images![0].rows[0][0]).toHaveLength(784);
    trainer.dispose();
  });
});
