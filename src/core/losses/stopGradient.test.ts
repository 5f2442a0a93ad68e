import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { stopGradient } from './stopGradient';
import { expectNoLeak, readAll, useCpu } from './testing';

describe('stopGradient', () => {
  beforeAll(useCpu);

  it('is the identity in the forward pass', async () => {
    const x = tf.tensor2d([[1, -2], [3, 0.5]]);
    const y = stopGradient(x);
    expect(y.shape).toEqual([2, 2]);
    expect(await readAll(y)).toEqual(await readAll(x.clone()));
    x.dispose();
  });

  it('blocks the gradient of its branch only', async () => {
    // d/dx [sg(x) · x] = sg(x) = x: only the un-stopped factor is differentiated.
    const x = tf.tensor1d([1, -2, 3]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(stopGradient(v), v)))(x);
    expect(await readAll(g)).toEqual([1, -2, 3]);
    // And a path through stopGradient alone gives zeros, not an error.
    const g0 = tf.grad((v: tf.Tensor) => tf.sum(tf.square(stopGradient(v))))(x);
    expect(await readAll(g0)).toEqual([0, 0, 0]);
    x.dispose();
  });

  it('allocates nothing but its result', async () => {
    const x = tf.tensor1d([1, 2]);
    await expectNoLeak(() => stopGradient(x));
    x.dispose();
  });
});
