import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { randn, useBackend } from './testUtils';
import { registerFastConvBackpropFilter } from './conv2dBackpropFilter';
import { registerMissingKernels } from './index';

/**
 * End to end: a tiny two-conv net trained with Adam must follow the same loss
 * curve on wasm (with our kernels) as on the stock CPU backend.
 */

const N = 6;
const H = 10;
const CLASSES = 3;

const shapes = {
  w1: [3, 3, 1, 4],
  b1: [4],
  w2: [3, 3, 4, 8],
  b2: [8],
  w3: [8, CLASSES],
} as const;

function initialValues(): Record<keyof typeof shapes, Float32Array> {
  const out = {} as Record<keyof typeof shapes, Float32Array>;
  let seed = 1;
  for (const [k, s] of Object.entries(shapes) as [keyof typeof shapes, readonly number[]][]) {
    const n = s.reduce((a, b) => a * b, 1);
    const fanIn = s.length === 4 ? s[0] * s[1] * s[2] : s[0];
    out[k] = randn(n, seed++).map((v) => (s.length === 1 ? 0.01 * v : v * Math.sqrt(2 / fanIn)));
  }
  return out;
}

const images = randn(N * H * H, 99);
const labels = [0, 1, 2, 0, 1, 2];

/** Returns the loss before each of `steps` Adam steps, then the final loss. */
async function train(backend: 'cpu' | 'wasm', steps: number): Promise<number[]> {
  await useBackend(backend);
  const init = initialValues();
  const vars = Object.fromEntries(
    Object.entries(shapes).map(([k, s]) => [k, tf.variable(tf.tensor(init[k as keyof typeof shapes], [...s]), true, `${backend}_${k}_${Math.random()}`)]),
  ) as Record<keyof typeof shapes, tf.Variable>;
  const x = tf.tensor4d(images, [N, H, H, 1]);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES);
  const lossFn = () =>
    tf.tidy(() => {
      const h1 = tf.relu(tf.add(tf.conv2d(x, vars.w1 as tf.Tensor4D, 1, 'same'), vars.b1)) as tf.Tensor4D;
      const h2 = tf.relu(tf.add(tf.conv2d(h1, vars.w2 as tf.Tensor4D, 2, 'same'), vars.b2));
      const pooled = tf.mean(h2, [1, 2]);
      const logits = tf.matMul(pooled as tf.Tensor2D, vars.w3 as tf.Tensor2D);
      return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
    });
  const opt = tf.train.adam(0.05);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const l = opt.minimize(lossFn, true);
    if (l == null) throw new Error('no loss returned');
    losses.push(l.dataSync()[0]);
    l.dispose();
  }
  const last = lossFn();
  losses.push(last.dataSync()[0]);
  last.dispose();
  opt.dispose();
  tf.dispose([x, y, ...Object.values(vars)]);
  return losses;
}

describe('two-conv net trained with Adam', () => {
  it('wasm (patched) follows the stock cpu loss curve; so does cpu with the fast kernel', async () => {
    // Reference first, while cpu still has its stock Conv2DBackpropFilter.
    const cpuStock = await train('cpu', 3);

    await useBackend('wasm');
    registerMissingKernels('wasm');
    const wasm = await train('wasm', 3);

    registerFastConvBackpropFilter('cpu');
    const cpuFast = await train('cpu', 3);

    // The net must actually learn, or equal curves would prove little.
    expect(cpuStock[3]).toBeLessThan(cpuStock[0]);
    for (let i = 0; i < cpuStock.length; i++) {
      expect(Math.abs(wasm[i] - cpuStock[i]), `wasm step ${i}: ${wasm[i]} vs ${cpuStock[i]}`).toBeLessThan(1e-3);
      expect(Math.abs(cpuFast[i] - cpuStock[i]), `cpu-fast step ${i}`).toBeLessThan(1e-3);
    }
  });
});
