import * as tf from '@tensorflow/tfjs-core';
import { wrapKernel } from './registerOpKernel';
import { batchMatMulOnHeap, swapLastTwoAxes } from './wasm/matmul';

/**
 * BatchMatMul on wasm through our SIMD loop (wasm/matmul.ts) for batched products, which tfjs 4.22
 * runs as a scalar loop; unbatched and broadcast products go to the stock kernel (XNNPACK) with their
 * operands transposed first (untransposedStock). A wrapper, so the stock kernel keeps its setup.
 * Idempotent; returns true when it changed the registry.
 */
export function registerFastBatchMatMul(backendName: 'wasm'): boolean {
  return wrapKernel(tf.BatchMatMul, backendName, 'simdLoop', (args, stock) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    return batchMatMulOnHeap(a, b, transposeA, transposeB) ?? untransposedStock(args, stock, a, b, transposeA, transposeB);
  });
}

/**
 * The stock kernel on row-major operands: a transposed operand is transposed first. Why: tfjs-wasm 4.22's kernel
 * is 8–60× slower with transposeA or transposeB than on the same operands transposed beforehand, and those
 * flags are every Dense layer's backward pass (dW = Xᵀ·dY, dX = dY·Wᵀ). `npx tsx bench/matmul-ab.ts` (min of 5, quiet
 * machine), at MSN's projector (320 rows): Xᵀ·dY 1,024 wide 1,584 ms stock, 26 ms transposed first; dY·Wᵀ
 * 295 → 37 ms; 128 wide 4.8 → 0.5 ms each.
 */
function untransposedStock(
  args: Parameters<tf.KernelFunc>[0],
  stock: tf.KernelFunc,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): ReturnType<tf.KernelFunc> {
  if (!transposeA && !transposeB) return stock(args);
  const rowMajorA = transposeA ? swapLastTwoAxes(a) : a;
  const rowMajorB = transposeB ? swapLastTwoAxes(b) : b;
  try {
    return stock({ ...args, inputs: { a: rowMajorA, b: rowMajorB }, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
  } finally {
    if (rowMajorA !== a) tf.dispose(rowMajorA as tf.Tensor);
    if (rowMajorB !== b) tf.dispose(rowMajorB as tf.Tensor);
  }
}
