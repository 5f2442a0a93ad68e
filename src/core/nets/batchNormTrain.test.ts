import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { registerMissingKernels } from '../backend/kernels';
import { batchNormTrain } from './batchNormTrain';

/** Deterministic values that are not symmetric in any axis (so a wrong reduction axis shows). */
const values = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + seed) * (1 + (i % 7) / 3) + (i % 5) * 0.3);

/** The textbook version autodiff differentiates: moments over B, H, W, then (x − μ)/σ·γ + β. */
function reference(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number): tf.Tensor4D {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), gamma), beta) as tf.Tensor4D;
}

async function forwardAndGrads(backend: string, fused: boolean, shape: [number, number, number, number]) {
  expect(await tf.setBackend(backend)).toBe(true);
  registerMissingKernels(backend);
  const size = shape.reduce((a, b) => a * b, 1);
  const c = shape[3];
  const x = tf.tensor4d(values(size, 1), shape);
  const gamma = tf.tensor1d(values(c, 2));
  const beta = tf.tensor1d(values(c, 3));
  const weights = tf.tensor4d(values(size, 4), shape); // loss = Σ w·y: a dy that is not constant
  const f = (xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const y = fused ? batchNormTrain(xi as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5).y : reference(xi as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5);
    return tf.sum(tf.mul(y, weights));
  };
  const y = fused ? batchNormTrain(x, gamma, beta, 1e-5) : { y: reference(x, gamma, beta, 1e-5) };
  const grads = tf.grads(f)([x, gamma, beta]);
  const read = async (t: tf.Tensor) => (await t.data()) as Float32Array;
  const out = { y: await read(y.y), dx: await read(grads[0]), dGamma: await read(grads[1]), dBeta: await read(grads[2]) };
  const stats = 'mean' in y ? { mean: await read(y.mean), variance: await read(y.variance) } : null;
  tf.dispose([x, gamma, beta, weights, y.y, ...grads, ...(stats && 'mean' in y ? [y.mean, y.variance] : [])]);
  return { ...out, stats };
}

/** Largest |a − b| relative to the largest |b| (the scale of the quantity). */
function maxRelError(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  const scale = Math.max(...Array.from(b, Math.abs), 1e-12);
  return Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]))) / scale;
}

describe('BatchNorm training op with its analytic gradient (batchNormTrain)', () => {
  // The encoder's shapes (28 px, widths 8–32, strides 1 and 2) and an odd one; batch 1 has M = H·W.
  const shapes: [number, number, number, number][] = [[2, 28, 28, 8], [3, 14, 14, 16], [4, 7, 7, 32], [1, 5, 3, 3]];
  for (const backend of ['cpu', 'wasm']) {
    for (const shape of shapes) {
      it(`${backend} ${shape.join('×')}: output and the gradients for x, γ, β equal autodiff of the textbook formula`, async () => {
        const fused = await forwardAndGrads(backend, true, shape);
        const ref = await forwardAndGrads('cpu', false, shape);
        // Stated tolerance: 1e-4 of each quantity's scale (float32 sums over up to 12,544 rows).
        expect(maxRelError(fused.y, ref.y)).toBeLessThan(1e-4);
        expect(maxRelError(fused.dx, ref.dx)).toBeLessThan(1e-4);
        expect(maxRelError(fused.dGamma, ref.dGamma)).toBeLessThan(1e-4);
        expect(maxRelError(fused.dBeta, ref.dBeta)).toBeLessThan(1e-4);
      });
    }
  }

  it('batch statistics by hand: per-channel mean and biased variance of a 2×1×2×2 map', async () => {
    await tf.setBackend('cpu');
    // channel 0: 1, 3, 5, 7 → mean 4, var 5; channel 1: 2, 2, 2, 2 → mean 2, var 0
    const x = tf.tensor4d([1, 2, 3, 2, 5, 2, 7, 2], [2, 1, 2, 2]);
    const { y, mean, variance } = batchNormTrain(x, tf.tensor1d([1, 2]), tf.tensor1d([0, 0.5]), 1e-5);
    expect(Array.from(await mean.data())).toEqual([4, 2]);
    expect(Array.from(await variance.data())).toEqual([5, 0]);
    const expected = [-3, 0, -1, 0, 1, 0, 3, 0].map((v, i) => (i % 2 === 0 ? v / Math.sqrt(5 + 1e-5) : 0.5));
    Array.from(await y.data()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('the gradient of a constant shift is zero for x (BatchNorm removes the mean)', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor4d(values(2 * 3 * 3 * 2, 9), [2, 3, 3, 2]);
    // loss = Σ y: dy = 1 everywhere, so dx = γ/σ (1 − 1 − x̂·Σx̂/M) = 0 since Σ x̂ = 0.
    const dx = tf.grad((xi: tf.Tensor) => tf.sum(batchNormTrain(xi as tf.Tensor4D, tf.tensor1d([1.5, -2]), tf.tensor1d([0, 0]), 1e-5).y))(x);
    for (const v of await dx.data()) expect(Math.abs(v)).toBeLessThan(1e-5);
  });

  it('leaves no tensors behind', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor4d(values(2 * 4 * 4 * 3, 5), [2, 4, 4, 3]);
    const g = tf.tensor1d([1, 1, 1]);
    const b = tf.tensor1d([0, 0, 0]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      tf.tidy(() => {
        const grads = tf.grads((xi: tf.Tensor, gi: tf.Tensor, bi: tf.Tensor) => {
          const r = batchNormTrain(xi as tf.Tensor4D, gi as tf.Tensor1D, bi as tf.Tensor1D, 1e-5);
          tf.dispose([r.mean, r.variance]);
          return tf.sum(tf.square(r.y));
        })([x, g, b]);
        return grads[0].sum();
      }).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
