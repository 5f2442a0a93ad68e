import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { rotationBatch } from './rotation';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('rotation prediction', () => {
  it('labels every copy with its rotation, rotation-major, and rotates counter-clockwise', async () => {
    // Two 2×2 images: [[1,2],[3,4]] and [[5,6],[7,8]].
    const images = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2, 1]);
    const { x, labels } = rotationBatch(images);
    expect(x.shape).toEqual([8, 2, 2, 1]);
    expect(Array.from(await labels.data())).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    const v = Array.from(await x.data());
    // Image 1 at 0°, 90° (ccw: [[2,4],[1,3]]), 180° ([[4,3],[2,1]]), 270° ([[3,1],[4,2]]).
    expect(v.slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(v.slice(8, 12)).toEqual([2, 4, 1, 3]);
    expect(v.slice(16, 20)).toEqual([4, 3, 2, 1]);
    expect(v.slice(24, 28)).toEqual([3, 1, 4, 2]);
    tf.dispose([images, x, labels]);
  });
});
