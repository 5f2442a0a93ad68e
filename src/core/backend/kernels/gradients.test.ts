import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { maxRelErr, randTensor, useBackend, values } from './testUtils';
import { registerMissingGradients } from './gradients';
import { registerCumsumReverseFix } from './cumsum';
import { registerMissingKernels } from './index';

/**
 * Gradient fixes are backend-independent; each test runs on cpu and on wasm
 * and checks against a reference that does not use the fixed gradient.
 */
const backends = ['cpu', 'wasm'] as const;

/** Gradient of sum(f(x) * w) for a fixed random w. */
function gradOf(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, seed: number): number[] {
  return tf.tidy(() => {
    const g = tf.grad((t: tf.Tensor) => {
      const y = f(t);
      return tf.sum(tf.mul(y, randTensor(y.shape, seed)));
    })(x);
    return values(g);
  });
}

describe('gradient fixes', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    await useBackend('wasm');
    registerMissingKernels('wasm'); // wasm also needs its kernel fixes (gather grad etc.)
    registerMissingKernels('cpu');
  });

  it('registration is idempotent', () => {
    expect(registerMissingGradients()).toEqual([]);
  });

  it.each(backends)('where(greater(x, t), ...) trains on %s (zero gradient through the comparison)', async (b) => {
    await useBackend(b);
    const x = randTensor([4, 6], 1);
    const g = gradOf((t) => tf.where(tf.greater(t, 0.1), tf.mul(t, 2), tf.mul(t, -3)), x, 2);
    // Reference without any comparison on the tape: the mask is a constant.
    const ref = tf.tidy(() => {
      const mask = tf.greater(x, 0.1);
      return gradOf((t) => tf.where(mask, tf.mul(t, 2), tf.mul(t, -3)), x, 2);
    });
    expect(g).toEqual(ref);
    x.dispose();
  });

  it.each(backends)('logical ops and equal/less on the tape, %s', async (b) => {
    await useBackend(b);
    const x = randTensor([10], 3);
    const g = gradOf((t) => {
      const m = tf.logicalOr(tf.logicalAnd(tf.less(t, 0.5), tf.notEqual(t, 0)), tf.logicalNot(tf.lessEqual(t, -1)));
      return tf.mul(tf.cast(tf.logicalXor(m, tf.equal(t, 0)), 'float32'), t);
    }, x, 4);
    expect(g.every(Number.isFinite)).toBe(true);
    x.dispose();
  });

  // StridedSlice and GatherNd gradients vs the gradient of an equivalent
  // gather/reshape formulation (whose gradients are stock tfjs).
  it.each(backends)('stridedSlice gradient, %s', async (b) => {
    await useBackend(b);
    const x = randTensor([6, 5, 3], 5);
    const g = gradOf((t) => tf.stridedSlice(t, [1, 0, 2], [6, 5, 0], [2, 2, -1]), x, 6);
    // Same selection: rows 1,3,5; cols 0,2,4; channels 2,1 (reversed).
    const ref = gradOf(
      (t) => tf.gather(tf.gather(tf.gather(t, [1, 3, 5], 0), [0, 2, 4], 1), [2, 1], 2),
      x,
      6,
    );
    expect(maxRelErr(g, ref)).toBeLessThan(1e-6);
    x.dispose();
  });

  it.each(backends)('stridedSlice gradient with masks, %s', async (b) => {
    // The gradient scatters dy back to whatever the forward kernel picked.
    // Cases are limited to masks where tfjs 4.22's *forward* stridedSlice is
    // itself right: with shrinkAxisMask plus a non-unit stride on another axis
    // it picks the wrong elements (all backends), and newAxis+shrink together
    // yields a malformed tensor.
    await useBackend(b);
    const x = randTensor([4, 5], 7);
    const cases: [(t: tf.Tensor) => tf.Tensor, (t: tf.Tensor) => tf.Tensor][] = [
      // shrink: row 2, cols 1..3
      [(t) => tf.stridedSlice(t, [2, 1], [3, 4], [1, 1], 0, 0, 0, 0, 1), (t) => tf.gather(tf.gather(t, 2, 0), [1, 2, 3], 0)],
      // new axis in front, rows 0 and 2, cols 1 and 3
      [
        (t) => tf.stridedSlice(t, [0, 0, 1], [0, 4, 5], [1, 2, 2], 0, 0, 0, 1, 0),
        (t) => tf.expandDims(tf.gather(tf.gather(t, [0, 2], 0), [1, 3], 1), 0),
      ],
      // begin/end masks: all rows, cols 1 and 3
      [(t) => tf.stridedSlice(t, [0, 1], [0, 5], [1, 2], 1, 1, 0, 0, 0), (t) => tf.gather(t, [1, 3], 1)],
    ];
    cases.forEach(([f, ref], i) => {
      expect(tf.tidy(() => values(f(x)))).toEqual(tf.tidy(() => values(ref(x))));
      expect(maxRelErr(gradOf(f, x, 8 + i), gradOf(ref, x, 8 + i))).toBeLessThan(1e-6);
    });
    x.dispose();
  });

  it.each(backends)('gatherND gradient (repeated indices add up), %s', async (b) => {
    await useBackend(b);
    const x = randTensor([4, 3, 2], 9);
    const idx = [[0, 1], [3, 2], [0, 1], [2, 0]];
    const g = gradOf((t) => tf.gatherND(t, tf.tensor2d(idx, [4, 2], 'int32')), x, 10);
    const ref = gradOf((t) => tf.gather(tf.reshape(t, [12, 2]), idx.map(([i, j]) => i * 3 + j)), x, 10);
    expect(maxRelErr(g, ref)).toBeLessThan(1e-6);
    x.dispose();
  });

  it.each(backends)('cumsum gradient on a non-last axis, %s', async (b) => {
    await useBackend(b);
    // Square shape: the stock gradient has the right shape here but wrong values.
    for (const [exclusive, reverse] of [[false, false], [true, false], [false, true], [true, true]]) {
      const x = randTensor([4, 4], 11);
      const g = gradOf((t) => tf.cumsum(t, 0, exclusive, reverse), x, 12);
      // Reference: cumsum along axis 0 as a matmul with a constant triangular matrix.
      const n = 4;
      const tri = tf.tidy(() => {
        const m: number[] = [];
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const inc = reverse ? j > i || (!exclusive && j === i) : j < i || (!exclusive && j === i);
            m.push(inc ? 1 : 0);
          }
        }
        return tf.tensor2d(m, [n, n]);
      });
      const ref = gradOf((t) => tf.matMul(tri, t), x, 12);
      expect(maxRelErr(g, ref)).toBeLessThan(1e-6);
      tf.dispose([x, tri]);
    }
  });

  it('reverse-scan workaround (written for webgpu) is exact where the stock kernel is right', async () => {
    // On cpu the stock Cumsum is correct, so wrapping it must not change results.
    await useBackend('cpu');
    const x = randTensor([3, 5], 13);
    const before = [0, 1].flatMap((ax) => [false, true].map((ex) => values(tf.cumsum(x, ax, ex, true))));
    const beforeProd = values(tf.cumprod(x, 1, false, true));
    expect(registerCumsumReverseFix('cpu')).toBe(true);
    expect(registerCumsumReverseFix('cpu')).toBe(false);
    const after = [0, 1].flatMap((ax) => [false, true].map((ex) => values(tf.cumsum(x, ax, ex, true))));
    const afterProd = values(tf.cumprod(x, 1, false, true));
    after.forEach((a, i) => expect(maxRelErr(a, before[i])).toBeLessThan(1e-6));
    expect(maxRelErr(afterProd, beforeProd)).toBeLessThan(1e-6);
    x.dispose();
  });
});
