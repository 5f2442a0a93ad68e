import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerMissingKernels } from '../backend/kernels';
import { Trainer } from '../train/trainer';
import { syntheticDataset } from '../train/testing';
import { tinyConfig } from './testing';
import { TINY_METHOD_QUERIES } from './tinyQueries';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels('cpu');
});

/** The two-view methods the SwAV paper's multi-crop ablation (or DINO's recipe) extends. */
const METHODS = ['simclr', 'byol', 'barlowtwins', 'vicreg', 'deepcluster'] as const;

describe('multi-crop for the two-view methods', () => {
  it.each(METHODS)('%s: small crops change the loss, train, and leak nothing; 0 crops is the method as before', async (key) => {
    const ds = syntheticDataset(240);
    const lossAt = async (crops: number) => {
      const t = new Trainer(tinyConfig(`method=${key}&${TINY_METHOD_QUERIES[key]}&steps=3&smallCrops=${crops}&smallSize=12`), ds);
      await t.beforeStep();
      const warm = t.step();
      const first = (await warm.data())[0];
      warm.dispose();
      const before = tf.memory().numTensors;
      await t.beforeStep();
      t.step().dispose();
      const leaked = tf.memory().numTensors - before;
      t.dispose();
      return { first, leaked };
    };
    const [plain, again, crops] = [await lossAt(0), await lossAt(0), await lossAt(2)];
    expect(again.first).toBe(plain.first);
    expect(Number.isFinite(crops.first)).toBe(true);
    expect(Math.abs(crops.first - plain.first)).toBeGreaterThan(1e-6);
    expect([plain.leaked, crops.leaked]).toEqual([0, 0]);
  });

  it('the crops are smallSize wide: the encoder runs on them (a ConvNet pools globally)', () => {
    const t = new Trainer(tinyConfig(`method=simclr&${TINY_METHOD_QUERIES.simclr}&steps=3&smallCrops=1&smallSize=6`), syntheticDataset(240));
    const shapes: number[][] = [];
    const apply = t.encoder.apply.bind(t.encoder);
    t.encoder.apply = (x) => {
      shapes.push(x.shape.slice(1, 3));
      return apply(x);
    };
    t.step().dispose();
    expect(shapes).toEqual([[28, 28], [6, 6]]);
    t.dispose();
  });
});
