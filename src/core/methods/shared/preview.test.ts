import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { augmentBatch } from '../../augment';
import { gatherFloat, makeSplits } from '../../data/dataset';
import { mixSeed } from '../../random';
import { syntheticDataset } from '../../train/testing';
import { tinyConfig } from '../testing';
import { augmentationPreview } from './preview';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('previews probe-test images and the two views of the config’s seed, as 8-bit pixels', async () => {
  const ds = syntheticDataset(240);
  const config = tinyConfig('method=simclr&seed=7');
  const samples = await augmentationPreview(ds, config, 3);
  expect(samples).toHaveLength(3);
  const indices = makeSplits(ds.count, config, config.seed).probeTest.subarray(0, 3);
  const per = ds.height * ds.width;
  // The original is the dataset's own bytes.
  indices.forEach((idx, i) => expect(Array.from(samples[i].original)).toEqual(Array.from(ds.pixels.subarray(idx * per, (idx + 1) * per))));
  // The views are augmentBatch under the seed's two sub-seeds, rounded to bytes (±1: tf.round rounds
  // half to even, in float32).
  const x = tf.tensor4d(gatherFloat(ds, indices), [3, ds.height, ds.width, 1]);
  for (const [k, key] of [[1, 'view1'], [2, 'view2']] as const) {
    const v = await augmentBatch(x, config.aug, mixSeed(config.seed, k)).data();
    samples.forEach((s, i) => {
      const expected = Array.from(v.subarray(i * per, (i + 1) * per), (p) => Math.round(Math.min(1, Math.max(0, p)) * 255));
      expect(Math.max(...Array.from(s[key], (p, j) => Math.abs(p - expected[j])))).toBeLessThanOrEqual(1);
    });
  }
  // Augmented: the views differ from the original and from each other.
  expect(Array.from(samples[0].view1)).not.toEqual(Array.from(samples[0].original));
  expect(Array.from(samples[0].view1)).not.toEqual(Array.from(samples[0].view2));
  x.dispose();
});
