/**
 * A/B timing of Conv2DBackpropFilter at the encoder's stride-2 layers on wasm, batch 128 (2 views × 64):
 * x transposed to [C, H, W, N] in two rank-3 passes (what wasm runs) against one rank-4 transpose (what
 * cpu runs). Both variants run interleaved in this one process; prints the min over the reps.
 * Usage: npx tsx bench/filter-grad-ab.ts [--reps 6] [--cpu]
 */
// '@tensorflow/tfjs' registers the gradients in plain Node (see kernels-bench.ts).
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { conv2dBackpropFilterImpl } from '../src/core/backend/kernels/conv2dBackpropFilter';

const argv = process.argv.slice(2);
const reps = argv.includes('--reps') ? Number(argv[argv.indexOf('--reps') + 1]) : 6;
const backendName = argv.includes('--cpu') ? 'cpu' : 'wasm';
await tf.setBackend(backendName);

const layers: [string, [number, number, number, number], number][] = [
  ['width 16, 28×28×16 → 32', [128, 28, 28, 16], 32],
  ['width 16, 14×14×32 → 64', [128, 14, 14, 32], 64],
  ['width 32, 28×28×32 → 64', [128, 28, 28, 32], 64],
  ['width 32, 14×14×64 → 128', [128, 14, 14, 64], 128],
];
const variants: [string, boolean][] = [['one-pass', false], ['two-pass', true]];
console.log(`${backendName}, min of ${reps} interleaved reps (ms)`);
for (const [label, xShape, cOut] of layers) {
  const attrs: tf.Conv2DBackpropFilterAttrs = { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, xShape[3], cOut] };
  const info = tf.backend_util.computeConv2DInfo(xShape, attrs.filterShape, 2, 1, 'same');
  const x = tf.randomNormal(xShape) as tf.Tensor4D;
  const dy = tf.randomNormal(info.outShape) as tf.Tensor4D;
  const best = variants.map(() => Infinity);
  for (let r = 0; r <= reps; r++) {
    variants.forEach(([, twoPass], v) => {
      const t0 = performance.now();
      const out = tf.tidy(() => conv2dBackpropFilterImpl(x, dy, attrs, twoPass));
      out.dataSync();
      if (r > 0) best[v] = Math.min(best[v], performance.now() - t0); // rep 0 warms up
      out.dispose();
    });
  }
  console.log(`${label}: ${variants.map(([name], v) => `${name} ${best[v].toFixed(1)}`).join(' · ')}`);
  tf.dispose([x, dy]);
}
