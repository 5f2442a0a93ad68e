/**
 * A/B timing of batched matrix products on wasm at the ViT's attention shapes (MAE at batch 64, 4 heads of
 * 16, masking ratio 0.25: 37 visible tokens of 49 — v5's default 0.5 leaves 25; its decoder's 49 tokens, 4 heads of 8): our SIMD loop on the
 * heap (src/core/backend/kernels/wasm/matmul.ts) against tfjs-wasm's stock BatchMatMul, a scalar loop
 * for batched products. Each product in the three forms a forward pass and its gradient use (plain,
 * B transposed, A transposed). Prints the min over the reps, the loop's GFLOP/s and its max difference
 * from the stock kernel relative to the largest value.
 * Then Dense-layer products with a transposed operand: the stock kernel against the operands transposed first.
 * Usage: npx tsx bench/matmul-ab.ts [--reps 8]
 */
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { batchMatMulOnHeap } from '../src/core/backend/kernels/wasm/matmul';
import { abTime, relDiff } from './ab';

const argv = process.argv.slice(2);
const reps = argv.includes('--reps') ? Number(argv[argv.indexOf('--reps') + 1]) : 8;
await tf.setBackend('wasm');

type Product = [label: string, a: number[], b: number[], transposeA: boolean, transposeB: boolean];
const productLabel = (label: string, a: number[], b: number[], ta: boolean, tb: boolean) => `${label} [${a}]${ta ? 'ᵀ' : ''}·[${b}]${tb ? 'ᵀ' : ''}`;
const products: Product[] = [
  ['encoder scores Q·Kᵀ', [256, 37, 16], [256, 37, 16], false, true],
  ['encoder weights·V', [256, 37, 37], [256, 37, 16], false, false],
  ['encoder dV = Pᵀ·dY', [256, 37, 37], [256, 37, 16], true, false],
  ['decoder scores Q·Kᵀ', [256, 49, 8], [256, 49, 8], false, true],
  ['decoder weights·V', [256, 49, 49], [256, 49, 8], false, false],
];

console.log(`wasm, min of ${reps} interleaved reps (ms): stock · SIMD loop`);
for (const [label, aShape, bShape, ta, tb] of products) {
  const a = tf.randomNormal(aShape);
  const b = tf.randomNormal(bShape);
  const [m, k] = ta ? [aShape[2], aShape[1]] : [aShape[1], aShape[2]];
  const n = tb ? bShape[1] : bShape[2];
  const { best, results } = abTime([() => tf.matMul(a, b, ta, tb), () => batchMatMulOnHeap(a, b, ta, tb)!], reps);
  const gflops = ((2 * aShape[0] * m * k * n) / best[1] / 1e6).toFixed(1);
  console.log(`${productLabel(label, aShape, bShape, ta, tb)}: ${best[0].toFixed(2)} · ${best[1].toFixed(2)} (${gflops} GFLOP/s, diff ${relDiff(results[0], results[1])})`);
  tf.dispose([a, b]);
}

// Unbatched products with a transposed operand: a Dense layer's backward pass (dX = dY·Wᵀ, dW = Xᵀ·dY) at
// MSN's projector (5 anchor views of batch 64 = 320 rows; 1,024 wide and the default 128). The stock kernel
// with transposeA/transposeB against the same product on operands transposed first, which is what
// src/core/backend/kernels/batchMatMul.ts hands XNNPACK (both sides here call the stock kernel: this script
// does not register ours).
const dense: Product[] = [
  ['1,024-wide dX = dY·Wᵀ', [320, 1024], [1024, 1024], false, true],
  ['1,024-wide dW = Xᵀ·dY', [320, 1024], [320, 1024], true, false],
  ['128-wide dX = dY·Wᵀ', [320, 128], [128, 128], false, true],
  ['128-wide dW = Xᵀ·dY', [320, 128], [320, 128], true, false],
];
console.log(`\nwasm, unbatched, min of ${reps} interleaved reps (ms): stock with the transpose flag · transposed first`);
for (const [label, aShape, bShape, ta, tb] of dense) {
  const a = tf.randomNormal(aShape);
  const b = tf.randomNormal(bShape);
  const { best, results } = abTime([() => tf.matMul(a, b, ta, tb), () => tf.tidy(() => tf.matMul(ta ? tf.transpose(a) : a, tb ? tf.transpose(b) : b))], reps);
  console.log(`${productLabel(label, aShape, bShape, ta, tb)}: ${best[0].toFixed(2)} · ${best[1].toFixed(2)} (diff ${relDiff(results[0], results[1])})`);
  tf.dispose([a, b]);
}
