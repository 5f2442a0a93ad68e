import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expectLoopMatchesCpu, expectNothingLeftBy, maxRelErr, randTensor, useBackend, values } from '../testUtils';
import { registerFastBatchMatMul, registerMissingKernels } from '../index';
import { batchMatMulOnHeap } from './matmul';

// The batched-product loop on tfjs-wasm's heap against tfjs's cpu backend: the ViT's attention products
// (and their gradients' transposed forms), and the edges of the loop's tiles: M not a multiple of 4 and
// M < 4 (repeated last rows), N not a multiple of 8 (the overlapping last tile), K = 1, rank 4.
interface MatMulCase {
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

const cases: MatMulCase[] = [
  { a: [8, 37, 16], b: [8, 37, 16], transposeA: false, transposeB: true }, // scores Q·Kᵀ
  { a: [8, 37, 37], b: [8, 37, 16], transposeA: false, transposeB: false }, // weights · V
  { a: [8, 37, 37], b: [8, 37, 16], transposeA: true, transposeB: false }, // dV = Pᵀ·dOut
  { a: [4, 49, 8], b: [4, 49, 8], transposeA: false, transposeB: true },
  { a: [3, 5, 7], b: [3, 7, 9], transposeA: false, transposeB: false },
  { a: [2, 1, 3], b: [2, 3, 13], transposeA: false, transposeB: false },
  { a: [2, 6, 1], b: [2, 1, 8], transposeA: false, transposeB: false },
  { a: [2, 11, 6], b: [2, 20, 11], transposeA: true, transposeB: true },
  { a: [2, 3, 5, 9], b: [2, 3, 9, 10], transposeA: false, transposeB: false },
];
const label = (c: MatMulCase) => `[${c.a}]${c.transposeA ? 'ᵀ' : ''} · [${c.b}]${c.transposeB ? 'ᵀ' : ''}`;

function outShape(c: MatMulCase): number[] {
  const r = c.a.length;
  return [...c.a.slice(0, -2), c.transposeA ? c.a[r - 1] : c.a[r - 2], c.transposeB ? c.b[r - 2] : c.b[r - 1]];
}

beforeAll(async () => {
  await useBackend('cpu');
  await useBackend('wasm');
});

describe('batchMatMulOnHeap (SIMD kernel on the wasm heap)', () => {
  it.each(cases.map((c, i) => [label(c), c, i] as const))('%s matches the cpu backend', async (_name, c, i) => {
    await expectLoopMatchesCpu(
      () => values(tf.matMul(randTensor(c.a, 3 + i), randTensor(c.b, 40 + i), c.transposeA, c.transposeB)),
      () => {
        const a = randTensor(c.a, 3 + i);
        const b = randTensor(c.b, 40 + i);
        const out = batchMatMulOnHeap(a, b, c.transposeA, c.transposeB);
        a.dispose();
        b.dispose();
        return out;
      },
      outShape(c),
    );
  });

  it('declines what it does not do: unbatched, broadcast, N < 8, int32', async () => {
    await useBackend('wasm');
    tf.tidy(() => {
      expect(batchMatMulOnHeap(randTensor([1, 4, 5], 1), randTensor([1, 5, 8], 2), false, false)).toBeNull();
      expect(batchMatMulOnHeap(randTensor([4, 5], 1), randTensor([5, 8], 2), false, false)).toBeNull();
      expect(batchMatMulOnHeap(randTensor([1, 4, 5], 1), randTensor([3, 5, 8], 2), false, false)).toBeNull();
      expect(batchMatMulOnHeap(randTensor([3, 4, 5], 1), randTensor([3, 5, 7], 2), false, false)).toBeNull();
      expect(batchMatMulOnHeap(tf.zeros([3, 4, 5], 'int32'), tf.zeros([3, 5, 8], 'int32'), false, false)).toBeNull();
    });
  });

  it('leaves no tensor and no heap allocation behind', async () => {
    await useBackend('wasm');
    const a = randTensor([4, 9, 6], 5);
    const b = randTensor([4, 10, 6], 6);
    expectNothingLeftBy(() => batchMatMulOnHeap(a, b, false, true)!.dispose());
    a.dispose();
    b.dispose();
  });
});

describe('BatchMatMul registered on wasm', () => {
  it('tf.matMul and its gradients run the loop and match the cpu backend', async () => {
    registerMissingKernels('wasm');
    expect(registerFastBatchMatMul('wasm')).toBe(false); // already wrapped: the products below go through the loop
    const run = () =>
      tf.tidy(() => {
        const q = randTensor([6, 13, 8], 7);
        const k = randTensor([6, 13, 8], 8);
        const v = randTensor([6, 13, 8], 9);
        const f = (qq: tf.Tensor, kk: tf.Tensor, vv: tf.Tensor) => tf.sum(tf.mul(tf.matMul(tf.softmax(tf.matMul(qq, kk, false, true)), vv), randTensor([6, 13, 8], 10)));
        const grads = tf.grads(f)([q, k, v]);
        return [values(f(q, k, v)), ...grads.map(values)];
      });
    await useBackend('cpu');
    const ref = run();
    await useBackend('wasm');
    const got = run();
    for (let i = 0; i < ref.length; i++) expect(maxRelErr(got[i], ref[i])).toBeLessThan(1e-5);
  });
});

describe('BatchMatMul registered on wasm: unbatched and broadcast products with a transposed operand', () => {
  // These go to the stock kernel (XNNPACK) with the operands transposed first (batchMatMul.ts): a Dense
  // layer's backward pass (dW = Xᵀ·dY, dX = dY·Wᵀ) and a broadcast product's.
  const shapes: MatMulCase[] = [
    { a: [40, 33], b: [40, 17], transposeA: true, transposeB: false },
    { a: [40, 33], b: [17, 33], transposeA: false, transposeB: true },
    { a: [33, 40], b: [17, 33], transposeA: true, transposeB: true },
    { a: [3, 20, 33], b: [17, 20], transposeA: true, transposeB: true },
    { a: [1, 12, 5], b: [4, 12, 6], transposeA: true, transposeB: false },
  ];
  it.each(shapes.map((c) => [label(c), c] as const))('%s matches the cpu backend and leaves nothing behind', async (_, c) => {
    registerMissingKernels('wasm');
    const product = () => tf.tidy(() => values(tf.matMul(randTensor(c.a, 21), randTensor(c.b, 22), c.transposeA, c.transposeB)));
    await useBackend('cpu');
    const ref = product();
    await useBackend('wasm');
    expect(maxRelErr(product(), ref)).toBeLessThan(1e-5);
    const a = randTensor(c.a, 23);
    const b = randTensor(c.b, 24);
    expectNothingLeftBy(() => tf.matMul(a, b, c.transposeA, c.transposeB).dispose());
    tf.dispose([a, b]);
  });

  it('a Dense layer’s gradients match the cpu backend', async () => {
    registerMissingKernels('wasm');
    const run = () =>
      tf.tidy(() => {
        const x = randTensor([24, 10], 31);
        const w = randTensor([10, 12], 32);
        const f = (xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.mul(tf.matMul(xx, ww), randTensor([24, 12], 33)));
        return tf.grads(f)([x, w]).map(values);
      });
    await useBackend('cpu');
    const ref = run();
    await useBackend('wasm');
    const got = run();
    for (let i = 0; i < ref.length; i++) expect(maxRelErr(got[i], ref[i])).toBeLessThan(1e-5);
  });
});
