/**
 * A/B timing of conv2d and its two gradients on wasm at the encoder's layers, batch 128 (2 views × 64):
 * our SIMD loops on the heap (src/core/backend/kernels/wasm/conv.ts) against what wasm ran before
 * them, which it still runs where the loops do not apply:
 *  - Conv2D: tfjs-wasm's own (XNNPACK);
 *  - Conv2DBackpropFilter: x transposed to [C, H, W, N] in two rank-3 passes, one dilated conv
 *    (single-channel stride-1 layers: one matmul per tap);
 *  - Conv2DBackpropInput: the sub-pixel conv and its interleave (first layers have no input gradient).
 * Both sides run interleaved in this one process; prints the min over the reps, the loop's GFLOP/s
 * (useful multiply-adds × 2) and its max difference from the baseline relative to the largest value.
 * Usage: npx tsx bench/conv-ab.ts [--reps 8]
 */
// '@tensorflow/tfjs' registers the gradients in plain Node (see kernels-bench.ts).
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { conv2dBackpropFilterImpl } from '../src/core/backend/kernels/conv2dBackpropFilter';
import { conv2dBackpropInputImpl } from '../src/core/backend/kernels/conv2dBackpropInput';
import { conv2dOnHeap } from '../src/core/backend/kernels/wasm/conv';
import { abTime, relDiff } from './ab';

const argv = process.argv.slice(2);
const reps = argv.includes('--reps') ? Number(argv[argv.indexOf('--reps') + 1]) : 8;
await tf.setBackend('wasm');

type Layer = [label: string, xShape: [number, number, number, number], cOut: number, stride: number];
const layers: Layer[] = [
  ['first layer, 28×28×1 → 16, stride 1', [128, 28, 28, 1], 16, 1],
  ['first layer, 28×28×1 → 32, stride 1', [128, 28, 28, 1], 32, 1],
  ['CIFAR first layer, 32×32×3 → 32, stride 1', [128, 32, 32, 3], 32, 1],
  ['width 16, 28×28×16 → 32', [128, 28, 28, 16], 32, 2],
  ['width 16, 14×14×32 → 64', [128, 14, 14, 32], 64, 2],
  ['width 32, 28×28×32 → 64', [128, 28, 28, 32], 64, 2],
  ['width 32, 14×14×64 → 128', [128, 14, 14, 64], 128, 2],
];

console.log(`wasm, batch 128, 3×3 'same', min of ${reps} interleaved reps (ms): before · SIMD loop`);
for (const [label, xShape, cOut, stride] of layers) {
  const filterShape: [number, number, number, number] = [3, 3, xShape[3], cOut];
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, stride, 1, 'same');
  const x = tf.randomNormal(xShape) as tf.Tensor4D;
  const dy = tf.randomNormal(info.outShape) as tf.Tensor4D;
  const filter = tf.randomNormal(filterShape) as tf.Tensor4D;
  const gflops = (ms: number) => ((2 * 9 * xShape[3] * cOut * info.outShape[0] * info.outShape[1] * info.outShape[2]) / ms / 1e6).toFixed(1);

  // tf.conv2d is tfjs-wasm's stock kernel here: this script registers none of ours. The loop declines
  // layers with fewer than 8 input channels (the stock kernel is faster there).
  const declined = tf.tidy(() => conv2dOnHeap(x, filter, info) == null);
  const c = declined ? null : abTime([() => tf.conv2d(x, filter, stride, 'same'), () => conv2dOnHeap(x, filter, info)!], reps);
  const fAttrs: tf.Conv2DBackpropFilterAttrs = { strides: stride, pad: 'same', dataFormat: 'NHWC', filterShape };
  const f = abTime([() => conv2dBackpropFilterImpl(x, dy, fAttrs, 'conv-two-pass'), () => conv2dBackpropFilterImpl(x, dy, fAttrs, 'heap-first')], reps);
  const conv = c ? `${c.best[0].toFixed(1)} · ${c.best[1].toFixed(1)} (${gflops(c.best[1])} GFLOP/s, diff ${relDiff(c.results[0], c.results[1])})` : 'stock only';
  let line = `${label}: conv2d ${conv} · filter ${f.best[0].toFixed(1)} · ${f.best[1].toFixed(1)} (${gflops(f.best[1])} GFLOP/s, diff ${relDiff(f.results[0], f.results[1])})`;
  if (xShape[3] % 8 === 0) {
    const iAttrs: tf.Conv2DBackpropInputAttrs = { strides: stride, pad: 'same', dataFormat: 'NHWC', inputShape: xShape };
    const g = abTime([() => conv2dBackpropInputImpl(dy, filter, iAttrs, 'sub-pixel'), () => conv2dBackpropInputImpl(dy, filter, iAttrs, 'heap-first')], reps);
    line += ` · input ${g.best[0].toFixed(1)} · ${g.best[1].toFixed(1)} (${gflops(g.best[1])} GFLOP/s, diff ${relDiff(g.results[0], g.results[1])})`;
  }
  console.log(line);
  tf.dispose([x, dy, filter]);
}
