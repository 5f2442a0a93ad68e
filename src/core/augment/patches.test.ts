import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellRequests, extractPatches, jitteredCorners, patchGrid } from './patches';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Images whose pixel value is its own position: v = (b·H + y)·W + x. */
function coordinateImages(batch: number, h: number, w: number): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from({ length: batch * h * w }, (_, i) => i), [batch, h, w, 1]);
}

describe('3×3 patch grid', () => {
  it('sizes the patches so that 3 patches, 2 gaps and the jitter fit, centred', () => {
    expect(patchGrid(28, 28, 1, 1)).toMatchObject({ size: 8, top: 1, left: 1 });
    // 3·7 + 2·2 = 25 px, centred in 28: 1 px margin (floor of 1.5).
    expect(patchGrid(28, 28, 2, 1)).toMatchObject({ size: 7, top: 1, left: 1 });
    expect(patchGrid(28, 28, 0, 0)).toMatchObject({ size: 9, top: 0, left: 0 });
    expect(() => patchGrid(12, 12, 2, 2)).toThrow(/patches/);
  });

  it('jitters every corner by at most ±jitter around its cell, inside the image, seeded', () => {
    const grid = patchGrid(28, 28, 1, 2);
    const corners = jitteredCorners(50, grid, 7);
    const offsets = new Set<number>();
    for (let b = 0; b < 50; b++) {
      for (let cell = 0; cell < 9; cell++) {
        const [top, left] = [corners[(b * 9 + cell) * 2], corners[(b * 9 + cell) * 2 + 1]];
        const dy = top - (grid.top + Math.floor(cell / 3) * (grid.size + grid.gap));
        const dx = left - (grid.left + (cell % 3) * (grid.size + grid.gap));
        expect(Math.abs(dy)).toBeLessThanOrEqual(2);
        expect(Math.abs(dx)).toBeLessThanOrEqual(2);
        expect(top).toBeGreaterThanOrEqual(0);
        expect(top + grid.size).toBeLessThanOrEqual(28);
        expect(left + grid.size).toBeLessThanOrEqual(28);
        offsets.add(dy);
      }
    }
    // All five offsets −2…2 occur: the jitter is really drawn.
    expect([...offsets].sort()).toEqual([-1, -2, 0, 1, 2].sort());
    expect(jitteredCorners(50, grid, 7)).toEqual(corners);
    expect(jitteredCorners(50, grid, 8)).not.toEqual(corners);
    // No jitter: the nominal grid.
    const still = jitteredCorners(1, patchGrid(28, 28, 1, 0), 3);
    expect(Array.from(still.subarray(8, 10))).toEqual([1 + 9, 1 + 9]);
  });

  it('cuts exact pixel copies of the requested windows from the requested images', async () => {
    const images = coordinateImages(3, 10, 12);
    const req = { image: Int32Array.from([2, 0]), top: Int32Array.from([1, 6]), left: Int32Array.from([3, 9]) };
    const patches = extractPatches(images, req, 3);
    expect(patches.shape).toEqual([2, 3, 3, 1]);
    const v = Array.from(await patches.data());
    const expected: number[] = [];
    for (let k = 0; k < 2; k++)
      for (let y = 0; y < 3; y++)
        for (let x = 0; x < 3; x++) expected.push((req.image[k] * 10 + req.top[k] + y) * 12 + req.left[k] + x);
    expect(v).toEqual(expected);
    tf.dispose([images, patches]);
  });

  it('turns (image, cell) pairs into the corners of that image and cell', () => {
    const corners = Int32Array.from({ length: 2 * 9 * 2 }, (_, i) => i);
    const req = cellRequests(corners, [1, 0], [4, 8]);
    expect(Array.from(req.image)).toEqual([1, 0]);
    expect(Array.from(req.top)).toEqual([(9 + 4) * 2, 8 * 2]);
    expect(Array.from(req.left)).toEqual([(9 + 4) * 2 + 1, 8 * 2 + 1]);
  });
});
