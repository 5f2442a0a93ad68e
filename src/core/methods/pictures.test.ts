import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_KEYS } from '../config/methods';
import { useCpu } from '../losses/testing';
import { snapshotTransferables } from '../train/run';
import { trainSteps } from './testing';
import { TINY_METHOD_QUERIES } from './tinyQueries';

// Every method has a picture of its own (issue 12); it is read back at the metrics cadence, costs one
// read, and leaves no tensors behind.
describe('each method draws its own picture', () => {
  beforeAll(useCpu);

  for (const method of METHOD_KEYS) {
    it(`${method}: a non-empty picture, no tensors left`, async () => {
      const { trainer } = await trainSteps(`method=${method}&${TINY_METHOD_QUERIES[method]}`, 2);
      expect(trainer.method.snapshot).toBeDefined();
      const before = tf.memory().numTensors;
      const snapshot = await trainer.method.snapshot!();
      expect(tf.memory().numTensors).toBe(before);
      const images = snapshot.images ?? [];
      const bars = snapshot.bars ?? [];
      expect(images.length + bars.length).toBeGreaterThan(0);
      for (const img of images) {
        expect(img.rows.length).toBeGreaterThan(0);
        for (const row of img.rows) {
          for (const px of row) expect(px.length).toBe(img.height * img.width * img.channels);
        }
      }
      // Every buffer is listed once for the transfer, however many images share it.
      const buffers = snapshotTransferables(snapshot);
      expect(new Set(buffers).size).toBe(buffers.length);
      trainer.dispose();
    });
  }
});
