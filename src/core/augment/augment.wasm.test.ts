import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, expect, it } from 'vitest';
import { augmentBatch } from './index';
import { augmentSuite } from './suite';
import { ALL_ON, patternImages } from './testUtil';

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});

augmentSuite('wasm');

it('gives the same views on wasm as on cpu for the same seed', async () => {
  const aug = { ...ALL_ON, blurSigma: 2 };
  await tf.setBackend('cpu');
  const xc = patternImages(8, 20, 20, 3);
  const yc = augmentBatch(xc, aug, 99);
  const onCpu = (await yc.data()).slice();
  tf.dispose([xc, yc]);
  await tf.setBackend('wasm');
  const xw = patternImages(8, 20, 20, 3);
  const yw = augmentBatch(xw, aug, 99);
  const onWasm = await yw.data();
  let worst = 0;
  onCpu.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - onWasm[i])); });
  expect(worst).toBeLessThan(1e-4);
  tf.dispose([xw, yw]);
});
