import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { barlowTwinsLoss, byolLoss, dinoLoss, infoNCE, maeLoss, msnLoss, negativeCosine, ntXent, sinkhorn, swavLoss, vicregLoss } from './index';
import { expectNoLeak, gaussian, t2, useCpu } from './testing';

/** Every loss leaves tf.memory().numTensors as it found it once its result is disposed (STYLE.md §8). */
describe('losses allocate nothing that outlives the call', () => {
  // Inputs are made once, outside the measured call, so a leak inside any loss shows.
  let x: tf.Tensor2D, y: tf.Tensor2D, targets: tf.Tensor2D, center: tf.Tensor1D;
  let pred: tf.Tensor3D, target: tf.Tensor3D, mask: tf.Tensor2D;
  beforeAll(async () => {
    await useCpu();
    [x, y] = [t2(gaussian(6, 4, 1)), t2(gaussian(6, 4, 2))];
    targets = t2(gaussian(3, 4, 3));
    center = tf.zeros([4]);
    [pred, target] = [tf.randomNormal([2, 3, 4], 0, 1, 'float32', 4), tf.randomNormal([2, 3, 4], 0, 1, 'float32', 5)];
    mask = tf.tensor2d([[1, 0, 1], [0, 1, 1]]);
  });
  afterAll(() => tf.dispose([x, y, targets, center, pred, target, mask]));

  const cases: [string, () => tf.Tensor][] = [
    ['ntXent', () => ntXent(x, y, 0.5)],
    ['infoNCE', () => infoNCE(x, y, y, 0.2)],
    ['byolLoss', () => byolLoss(x, y)],
    ['negativeCosine', () => negativeCosine(x, y)],
    ['sinkhorn', () => sinkhorn(x, 0.05, 3)],
    ['swavLoss', () => swavLoss([x, y], [x], { temperature: 0.1, epsilon: 0.05, sinkhornIterations: 3 })],
    ['barlowTwinsLoss', () => barlowTwinsLoss(x, y, 5e-3)],
    ['vicregLoss', () => vicregLoss(x, y)],
    ['dinoLoss', () => dinoLoss([x, y, x], [y, x], center, { studentTemp: 0.1, teacherTemp: 0.04 })],
    ['msnLoss', () => msnLoss(x, targets, y, { temperature: 0.1, targetSharpen: 0.25, meMaxWeight: 1 })],
    ['maeLoss', () => maeLoss(pred, target, mask, true)],
    ['ntXent under tf.grad (only the gradient survives)', () => tf.grad((v: tf.Tensor) => ntXent(v as tf.Tensor2D, y, 0.5))(x)],
  ];

  for (const [name, f] of cases) it(name, () => expectNoLeak(f));
});
