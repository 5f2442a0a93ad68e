/**
 * Timing of one training step (forward + backward) per backend setup:
 *   cpu-stock  tfjs-backend-cpu as shipped
 *   cpu-fast   + our conv-based Conv2DBackpropFilter
 *   wasm       tfjs-backend-wasm + registerMissingKernels('wasm')
 *
 * Net: conv3x3(1→16) relu, conv3x3 s2 (16→32) relu, conv3x3 s2 (32→64) relu,
 * global mean; batch 64 of 28×28×1. Also times the three filter gradients
 * alone, to show where a step goes.
 *
 * Run: npx tsx bench/kernels-bench.ts [--steps=5]
 */
// '@tensorflow/tfjs' (not tfjs-core) because in plain Node only its bundle
// registers the gradient functions; tfjs-core's register_all_gradients entry
// point is ESM with extension-less imports that Node cannot resolve.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerFastConvBackpropFilter, registerMissingKernels } from '../src/core/backend/kernels/index';

const STEPS = Number(process.argv.find((a) => a.startsWith('--steps='))?.slice(8) ?? 5);
const B = 64;

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647 - 0.5;
  };
}

function makeNet() {
  const r = lcg(7);
  const w = (shape: number[]) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const fanIn = shape[0] * shape[1] * shape[2];
    return tf.variable(tf.tensor(Float32Array.from({ length: n }, () => r() * Math.sqrt(12 / fanIn)), shape));
  };
  const vars = [w([3, 3, 1, 16]), w([3, 3, 16, 32]), w([3, 3, 32, 64])];
  const x = tf.tensor4d(Float32Array.from({ length: B * 28 * 28 }, r), [B, 28, 28, 1]);
  const loss = () =>
    tf.tidy(() => {
      let h = tf.relu(tf.conv2d(x, vars[0] as tf.Tensor4D, 1, 'same'));
      h = tf.relu(tf.conv2d(h, vars[1] as tf.Tensor4D, 2, 'same'));
      h = tf.relu(tf.conv2d(h, vars[2] as tf.Tensor4D, 2, 'same'));
      const feat = tf.mean(h, [1, 2]); // [B, 64]
      return tf.mean(tf.square(feat)) as tf.Scalar;
    });
  return { vars, x, loss };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeStep(net: ReturnType<typeof makeNet>, steps: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    const { value, grads } = tf.variableGrads(net.loss, net.vars);
    // Reading the values forces every kernel to finish (wasm/cpu are sync
    // anyway, but this keeps the bench honest for any backend).
    value.dataSync();
    Object.values(grads).forEach((g) => g.dataSync());
    times.push(performance.now() - t0);
    tf.dispose([value, ...Object.values(grads)]);
  }
  return times;
}

/** The three filter gradients of one step, with the shapes the net produces. */
function timeFilterGrads(steps: number): number {
  const r = lcg(3);
  const cases: [number[], number[], number[], number][] = [
    [[B, 28, 28, 1], [B, 28, 28, 16], [3, 3, 1, 16], 1],
    [[B, 28, 28, 16], [B, 14, 14, 32], [3, 3, 16, 32], 2],
    [[B, 14, 14, 32], [B, 7, 7, 64], [3, 3, 32, 64], 2],
  ];
  const ts = cases.map(([xs, dys]) => [
    tf.tensor(Float32Array.from({ length: xs.reduce((a, b) => a * b) }, r), xs),
    tf.tensor(Float32Array.from({ length: dys.reduce((a, b) => a * b) }, r), dys),
  ]);
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    cases.forEach(([, , f, s], j) => {
      // Straight to the kernel: tfjs-core does not export the op publicly.
      const attrs = { strides: s, pad: 'same', dataFormat: 'NHWC', filterShape: f };
      const g = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: ts[j][0], dy: ts[j][1] }, attrs) as tf.Tensor;
      g.dataSync();
      g.dispose();
    });
    times.push(performance.now() - t0);
  }
  tf.dispose(ts.flat());
  return median(times);
}

async function bench(label: string, backend: 'cpu' | 'wasm', steps: number, warmUp = true) {
  await tf.setBackend(backend);
  const net = makeNet();
  if (warmUp) timeStep(net, 1); // kernel setup, XNNPACK operator caches, JIT
  const step = median(timeStep(net, steps));
  const filt = timeFilterGrads(Math.max(1, Math.min(steps, 3)));
  tf.dispose([...net.vars, net.x]);
  console.log(
    `${label.padEnd(10)} step ${step.toFixed(0).padStart(6)} ms   ` +
      `of which 3× Conv2DBackpropFilter ≈ ${filt.toFixed(0).padStart(6)} ms (${((100 * filt) / step).toFixed(0)}%)`,
  );
  return step;
}

console.log(`one training step, batch ${B} of 28×28: median of ${STEPS} after 1 warm-up (cpu-stock: 1 step, ~30 s)`);
const stock = await bench('cpu-stock', 'cpu', 1, false);
registerFastConvBackpropFilter('cpu');
const fast = await bench('cpu-fast', 'cpu', STEPS);
registerMissingKernels('wasm');
const wasm = await bench('wasm', 'wasm', STEPS);
console.log(`speed-up vs cpu-stock: cpu-fast ${(stock / fast).toFixed(1)}×, wasm ${(stock / wasm).toFixed(1)}×`);
