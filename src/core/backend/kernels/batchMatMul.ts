import * as tf from '@tensorflow/tfjs-core';
import { wrapKernel } from './registerOpKernel';
import { batchMatMulOnHeap } from './wasm/matmul';

/**
 * BatchMatMul on wasm through our SIMD loop (wasm/matmul.ts) for batched products, which tfjs 4.22
 * runs as a scalar loop; unbatched and broadcast products keep the stock kernel (XNNPACK). A wrapper,
 * so the stock kernel keeps its setup. Idempotent; returns true when it changed the registry.
 */
export function registerFastBatchMatMul(backendName: 'wasm'): boolean {
  return wrapKernel(tf.BatchMatMul, backendName, 'simdLoop', (args, stock) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    return batchMatMulOnHeap(a, b, transposeA, transposeB) ?? stock(args);
  });
}
