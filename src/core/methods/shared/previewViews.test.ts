import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { generateShapes } from '../../data/shapes';
import { defaultPipeline } from '../../config/augmentPresets';
import { tinyConfig } from '../testing';
import { augmentationPreview } from './preview';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('the studio grid: N images × M views, the first two being the two-view preview, seeded', async () => {
  const ds = generateShapes(240, 2);
  const config = { ...tinyConfig('method=byol&dataset=shapes&seed=3'), aug: defaultPipeline('byol', 3) };
  const grid = await augmentationPreview(ds, config, 4, 5);
  expect(grid).toHaveLength(4);
  for (const s of grid) {
    expect(s.views).toHaveLength(5);
    s.views.forEach((v) => expect(v.length).toBe(32 * 32 * 3));
    expect(s.views[0]).toEqual(s.view1);
    expect(s.views[1]).toEqual(s.view2);
  }
  const two = await augmentationPreview(ds, config, 4);
  two.forEach((s, i) => {
    expect(s.view1).toEqual(grid[i].view1);
    expect(s.view2).toEqual(grid[i].view2);
  });
  // Distinct views of one image; the same grid again under the same seed.
  expect(new Set(grid[0].views.map((v) => v.join())).size).toBe(5);
  expect((await augmentationPreview(ds, config, 4, 5))[3].views[4]).toEqual(grid[3].views[4]);
});
