/**
 * Kernel audit: runs every op our models use, forward and backward
 * (tf.variableGrads), on a target backend and on the CPU backend with the same
 * inputs, and prints what throws or disagrees. Then checks int32/bool inputs of
 * the data-movement ops the same way. This is how the gaps patched by
 * registerMissingKernels() were found; rerun it after upgrading tfjs.
 *
 *   npx tsx bench/kernel-audit.ts wasm [--fix] [--data=neg|ties] [--bump] [--all]
 *   LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json \
 *     XDG_RUNTIME_DIR=/tmp npx tsx bench/kernel-audit.ts webgpu [--fix]
 *
 *   --fix       apply registerMissingKernels(target) and ('cpu') first
 *   --data=neg  all inputs negative (caught wasm's max-pool bugs); ties: many equal values
 *   --bump      run everything twice, the second time with larger shapes
 *               (catches shader caches keyed without a shape, as in webgpu's cumsum)
 *   --all       print passing ops too
 *
 * A dev tool, not app code: nothing imports it.
 */
// '@tensorflow/tfjs' because in plain Node only its bundle registers gradients.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

interface Spec {
  name: string;
  shapes: number[][];
  f: (v: tf.Tensor[]) => tf.Tensor;
  grad: boolean;
}

const S = (name: string, shapes: number[][], f: (v: tf.Tensor[]) => tf.Tensor, grad = true): Spec => ({ name, shapes, f, grad });
const conv = (s: number, k: number, pad: 'same' | 'valid') =>
  S(`conv2d k${k} s${s} ${pad}`, [[2, 7, 7, 3], [k, k, 3, 4]], ([x, w]) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, s, pad));

const FLOAT_SPECS: Spec[] = [
  conv(1,3,'same'), conv(2,3,'same'), conv(1,2,'same'), conv(2,2,'same'), conv(2,3,'valid'),
  S('conv2dTranspose s2', [[2,4,4,4],[3,3,3,4]], ([x,w]) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [2,8,8,3], 2, 'same')),
  S('conv2dTranspose k2 s2', [[2,4,4,4],[2,2,3,4]], ([x,w]) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [2,8,8,3], 2, 'same')),
  S('fused conv2d+bias+relu', [[2,7,7,3],[3,3,3,4],[4]], ([x,w,b]) => tf.fused.conv2d({x: x as tf.Tensor4D, filter: w as tf.Tensor4D, bias: b, strides: 2, pad: 'same', activation: 'relu'})),
  S('relu', [[3,5]], ([x]) => tf.relu(x)),
  S('leakyRelu', [[3,5]], ([x]) => tf.leakyRelu(x, 0.2)),
  S('elu', [[3,5]], ([x]) => tf.elu(x)),
  S('gelu tanh', [[3,5]], ([x]) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(tf.mul(0.7978845608, tf.add(x, tf.mul(0.044715, tf.pow(x, 3)))))))),
  S('gelu erf', [[3,5]], ([x]) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.div(x, Math.SQRT2))))),
  S('sigmoid', [[3,5]], ([x]) => tf.sigmoid(x)),
  S('softplus', [[3,5]], ([x]) => tf.softplus(x)),
  S('mean axes', [[2,3,4,5]], ([x]) => tf.mean(x, [1,2])),
  S('matMul', [[3,4],[4,5]], ([a,b]) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D)),
  S('matMul tA', [[4,3],[4,5]], ([a,b]) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, true, false)),
  S('matMul tB', [[3,4],[5,4]], ([a,b]) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, false, true)),
  S('matMul tAtB', [[4,3],[5,4]], ([a,b]) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, true, true)),
  S('batchMatMul 3d', [[2,3,4],[2,4,5]], ([a,b]) => tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D)),
  S('batchMatMul 3d tB', [[2,3,4],[2,5,4]], ([a,b]) => tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D, false, true)),
  S('add/mul/sub/div bcast', [[3,4],[4]], ([a,b]) => tf.div(tf.sub(tf.mul(tf.add(a,b), b), a), tf.add(tf.square(b), 1))),
  S('sqrt', [[3,4]], ([a]) => tf.sqrt(tf.add(tf.abs(a), 0.5))),
  S('rsqrt', [[3,4]], ([a]) => tf.rsqrt(tf.add(tf.abs(a), 0.5))),
  S('exp', [[3,4]], ([a]) => tf.exp(a)),
  S('log', [[3,4]], ([a]) => tf.log(tf.add(tf.abs(a), 0.5))),
  S('logSoftmax', [[3,6]], ([a]) => tf.logSoftmax(a)),
  S('softmax', [[3,6]], ([a]) => tf.softmax(a)),
  S('moments', [[4,6]], ([a]) => { const m = tf.moments(a, 0); return tf.add(m.mean, m.variance); }),
  S('square', [[3,4]], ([a]) => tf.square(a)),
  S('sum', [[3,4]], ([a]) => tf.sum(a, 1)),
  S('max', [[3,4]], ([a]) => tf.max(a, 1)),
  S('min', [[3,4]], ([a]) => tf.min(a, 1)),
  S('maximum', [[3,4],[3,4]], ([a,b]) => tf.maximum(a, b)),
  S('transpose', [[2,3,4]], ([a]) => tf.transpose(a, [2,0,1])),
  S('reverse', [[3,4]], ([a]) => tf.reverse(a, 1)),
  S('concat', [[3,4],[3,2]], ([a,b]) => tf.concat([a,b], 1)),
  S('slice', [[4,5]], ([a]) => tf.slice(a, [1,1], [2,3])),
  S('stridedSlice', [[6,5]], ([a]) => tf.stridedSlice(a, [0,1], [6,5], [2,1])),
  S('gather', [[5,3]], ([a]) => tf.gather(a, tf.tensor1d([0,2,2,4], 'int32'))),
  S('gather axis1', [[3,5]], ([a]) => tf.gather(a, tf.tensor1d([4,1,1], 'int32'), 1)),
  S('gatherND', [[4,3]], ([a]) => tf.gatherND(a, tf.tensor2d([[0,1],[3,2],[1,0]], [3,2], 'int32'))),
  S('oneHot', [[3,4]], ([a]) => tf.mul(a, tf.oneHot(tf.tensor1d([0,3,1],'int32'), 4))),
  S('pad', [[3,4]], ([a]) => tf.pad(a, [[1,0],[2,1]])),
  S('reshape', [[3,4]], ([a]) => tf.reshape(a, [2,6])),
  S('tile', [[2,3]], ([a]) => tf.tile(a, [2,3])),
  S('expandDims/squeeze/stack/unstack', [[2,3]], ([a]) => tf.stack(tf.unstack(tf.squeeze(tf.expandDims(a, 0), [0])))),
  S('split', [[4,6]], ([a]) => { const [p, q] = tf.split(a, 2, 1); return tf.mul(p, q); }),
  S('cropAndResize', [[2,8,8,3]], ([a]) => tf.image.cropAndResize(a as tf.Tensor4D, tf.tensor2d([[0,0,0.5,0.5],[0.2,0.1,0.9,1]]), tf.tensor1d([0,1],'int32'), [5,5]), false),
  S('resizeBilinear', [[2,8,8,3]], ([a]) => tf.image.resizeBilinear(a as tf.Tensor4D, [5,5])),
  S('flipLeftRight', [[2,8,8,3]], ([a]) => tf.image.flipLeftRight(a as tf.Tensor4D), false),
  S('depthwiseConv2d', [[2,7,7,3],[3,3,3,2]], ([x,w]) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'), false),
  S('maxPool', [[2,6,6,3]], ([x]) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'same')),
  S('maxPool 3x3 s2 odd', [[2,7,7,3]], ([x]) => tf.maxPool(x as tf.Tensor4D, 3, 2, 'same')),
  S('avgPool', [[2,6,6,3]], ([x]) => tf.avgPool(x as tf.Tensor4D, 2, 2, 'valid')),
  S('avgPool 3x3 s2 same odd', [[2,7,7,3]], ([x]) => tf.avgPool(x as tf.Tensor4D, 3, 2, 'same')),
  S('layerNorm-by-ops', [[3,8],[8],[8]], ([x,g,b]) => { const m = tf.moments(x, -1, true); return tf.add(tf.mul(tf.mul(tf.sub(x, m.mean), tf.rsqrt(tf.add(m.variance, 1e-5))), g), b); }),
  S('batchNorm', [[4,3],[3],[3]], ([x,g,b]) => { const m = tf.moments(x, 0); return tf.batchNorm(x, m.mean, m.variance, b, g, 1e-5); }),
  S('where/greater', [[3,4],[3,4]], ([a,b]) => tf.where(tf.greater(a, b), tf.mul(a, 2), tf.mul(b, 3))),
  S('clipByValue', [[3,4]], ([a]) => tf.clipByValue(a, -0.3, 0.4)),
  S('cumsum', [[3,4]], ([a]) => tf.cumsum(a, 1)),
  S('cumsum excl rev', [[3,4]], ([a]) => tf.cumsum(a, 0, true, true)),
  S('argMax', [[3,4]], ([a]) => tf.mul(a, tf.cast(tf.oneHot(tf.argMax(a, 1), 4), 'float32'))),
  S('topk', [[3,6]], ([a]) => tf.topk(a, 2).values, false),
  S('topk idx', [[3,6]], ([a]) => tf.cast(tf.topk(a, 2).indices, 'float32'), false),
  S('l2 normalize', [[3,6]], ([a]) => tf.div(a, tf.sqrt(tf.add(tf.sum(tf.square(a), -1, true), 1e-8)))),
  S('abs/neg/sign', [[3,4]], ([a]) => tf.add(tf.neg(tf.abs(a)), tf.sign(a))),
  S('pow', [[3,4]], ([a]) => tf.pow(tf.add(tf.abs(a), 0.5), 1.7)),
  S('squaredDifference', [[3,4],[3,4]], ([a,b]) => tf.squaredDifference(a, b)),
  S('logSumExp', [[3,6]], ([a]) => tf.logSumExp(a, 1)),
  S('softmaxCrossEntropy', [[3,6]], ([a]) => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d([0,3,5],'int32'),6), a)),
  S('mod/floorDiv', [[3,4]], ([a]) => tf.add(tf.mod(a, 0.3), tf.floorDiv(a, tf.scalar(0.3)))),
  S('unsortedSegmentSum', [[5,3]], ([a]) => tf.unsortedSegmentSum(a, tf.tensor1d([0,2,2,1,0],'int32'), 3)),
  S('scatterND', [[4,3]], ([a]) => tf.scatterND(tf.tensor2d([[0],[2],[0],[1]], [4,1], 'int32'), a, [3,3]), false),
  S('einsum', [[3,4],[4,5]], ([a,b]) => tf.einsum('ij,jk->ik', a, b)),
  S('norm', [[3,4]], ([a]) => tf.norm(a, 'euclidean', 1)),
  S('relu6', [[3,4]], ([a]) => tf.relu6(tf.mul(a, 8))),
  S('mirrorPad', [[3,4]], ([a]) => tf.mirrorPad(a, [[1,1],[2,2]], 'reflect')),
  S('prelu', [[3,4],[4]], ([a,b]) => tf.prelu(a, b)),
];

// int32 / bool inputs for ops that move data around (no gradients).
const DTYPE_OPS: [string, (x: tf.Tensor) => tf.Tensor][] = [
  ['transpose', (x) => tf.transpose(x, [1, 0, 2])],
  ['reverse', (x) => tf.reverse(x, 1)],
  ['concat', (x) => tf.concat([x, x], 1)],
  ['slice', (x) => tf.slice(x, [1, 0, 1], [2, 3, 2])],
  ['stridedSlice', (x) => tf.stridedSlice(x, [0, 1, 0], [4, 5, 3], [2, 2, 1])],
  ['gather', (x) => tf.gather(x, tf.tensor1d([3, 0, 0], 'int32'), 1)],
  ['gatherND', (x) => tf.gatherND(x, tf.tensor2d([[0, 1], [3, 4]], [2, 2], 'int32'))],
  ['pad', (x) => tf.pad(x, [[1, 0], [0, 2], [0, 0]])],
  ['tile', (x) => tf.tile(x, [1, 2, 1])],
  ['where', (x) => tf.where(tf.cast(tf.onesLike(x), 'bool'), x, x)],
  ['stack/unstack', (x) => tf.stack(tf.unstack(x))],
  ['mirrorPad', (x) => tf.mirrorPad(x, [[1, 1], [0, 0], [0, 0]], 'reflect')],
  ['scatterND', (x) => tf.scatterND(tf.tensor2d([[1], [0]], [2, 1], 'int32'), tf.slice(x, [0, 0, 0], [2, 5, 3]), [3, 5, 3])],
  ['clipByValue', (x) => (x.dtype === 'bool' ? x : tf.clipByValue(x, -3, 3))],
  ['resizeNearestNeighbor', (x) => (x.dtype === 'bool' ? x : tf.image.resizeNearestNeighbor(tf.reshape(x, [1, 4, 5, 3]) as tf.Tensor4D, [8, 10]))],
  ['cumsum', (x) => (x.dtype === 'bool' ? x : tf.cumsum(x, 1))],
  ['max/argMax', (x) => (x.dtype === 'bool' ? x : tf.add(tf.max(x, 1), tf.argMax(x, 1)))],
  // Last on purpose: wasm's Select with bool branches overruns its output
  // buffer; one call looks fine, a few hundred corrupt the heap.
  ['where ×300 (heap check)', (x) => {
    const cond = tf.cast(tf.onesLike(x), 'bool');
    for (let i = 0; i < 300; i++) tf.where(cond, x, x).dispose();
    return tf.reverse(tf.concat([x, x], 0), 0);
  }],
];

const args = process.argv.slice(2);
const target = args.find((a) => ['wasm', 'webgpu'].includes(a)) ?? 'wasm';
const mode = args.find((a) => a.startsWith('--data='))?.slice(7) ?? 'uniform';
let seed = 1;
const rnd = () => {
  seed = (seed * 16807) % 2147483647;
  return (seed / 2147483647) * 2 - 1;
};
const gen = mode === 'neg' ? () => rnd() - 2.5 : mode === 'ties' ? () => Math.max(0, Math.round(rnd() * 2) / 2) : rnd;

interface Result {
  fwd?: Float32Array;
  grad?: Float32Array;
  err?: string;
}

async function run(backend: string, spec: Spec, data: Float32Array[]): Promise<Result> {
  await tf.setBackend(backend);
  const out: Result = {};
  const vars = spec.shapes.map((s, i) => tf.variable(tf.tensor(data[i], s)));
  let fwd: tf.Tensor | undefined;
  let grads: tf.Tensor[] | undefined;
  try {
    fwd = tf.tidy(() => tf.cast(spec.f(vars), 'float32'));
    if (spec.grad) {
      const r = tf.variableGrads(() => {
        const y = spec.f(vars);
        const w = tf.tensor(Array.from({ length: y.size }, (_, i) => Math.sin(i + 1)), y.shape);
        return tf.sum(tf.mul(y, w)) as tf.Scalar;
      }, vars);
      r.value.dispose();
      grads = vars.map((v) => r.grads[v.name]);
    }
    // data(), not dataSync(): webgpu's dataSync needs OffscreenCanvas.
    out.fwd = (await fwd.data()) as Float32Array;
    if (grads) out.grad = Float32Array.from((await Promise.all(grads.map((g) => g.data()))).flatMap((a) => Array.from(a)));
  } catch (e) {
    out.err = (e as Error).message;
  }
  tf.dispose([...(fwd ? [fwd] : []), ...(grads ?? []), ...vars]);
  return out;
}

function relErr(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let scale = 1e-6;
  let m = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m / scale;
}

if (target === 'webgpu') {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  (globalThis as unknown as { navigator: unknown }).navigator = { gpu: create([]) };
  await import('@tensorflow/tfjs-backend-webgpu');
}
if (!(await tf.setBackend(target))) throw new Error(`backend ${target} failed to initialise`);
if (args.includes('--fix')) {
  const { registerMissingKernels } = await import('../src/core/backend/kernels/index');
  console.log('patched:', [...registerMissingKernels(target), ...registerMissingKernels('cpu')].join(', '));
}

const missing = new Set<string>();
let bad = 0;
const passes = args.includes('--bump') ? [0, 1] : [0];
for (const pass of passes) {
  for (const spec0 of FLOAT_SPECS) {
    const spec = pass === 0 ? spec0 : { ...spec0, name: `${spec0.name} [bumped]`, shapes: spec0.shapes.map((s) => s.map((d) => (d >= 3 ? d + 1 : d))) };
    const data = spec.shapes.map((s) => Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, gen));
    const c = await run('cpu', spec, data);
    // Bumped shapes can break specs with fixed indices; that is not a backend issue.
    if (pass === 1 && c.err) continue;
    const t = await run(target, spec, data);
    const notes: string[] = [];
    if (t.err) {
      notes.push(`${target}: ${t.err}`);
      const m = /Kernel '(\w+)' not registered/.exec(t.err);
      if (m) missing.add(m[1]);
    }
    if (c.err) notes.push(`cpu: ${c.err}`);
    const errs: number[] = [];
    if (t.fwd && c.fwd) errs.push(relErr(t.fwd, c.fwd));
    if (t.grad && c.grad) errs.push(relErr(t.grad, c.grad));
    const ok = notes.length === 0 && errs.every((e) => e < 1e-4);
    if (!ok) bad++;
    if (!ok || args.includes('--all')) {
      console.log(ok ? 'ok ' : 'BAD', spec.name.padEnd(34), [...notes, `fwd/grad rel err ${errs.map((e) => e.toExponential(1)).join(' / ')}`].join(' | '));
    }
  }
}

const base = Array.from({ length: 60 }, (_, i) => ((i * 37) % 23) - 11);
for (const dtype of ['int32', 'bool'] as const) {
  for (const [name, f] of DTYPE_OPS) {
    const res: string[] = [];
    for (const b of ['cpu', target]) {
      await tf.setBackend(b);
      try {
        const y = tf.tidy(() => f(tf.tensor3d(dtype === 'bool' ? base.map((v) => (v > 0 ? 1 : 0)) : base, [4, 5, 3], dtype)));
        res.push(`${y.dtype} ${JSON.stringify(Array.from(await y.data()))}`);
        y.dispose();
      } catch (e) {
        res.push(`ERR ${(e as Error).message}`);
      }
    }
    if (res[0] !== res[1]) {
      bad++;
      console.log('BAD', `${dtype} ${name}`.padEnd(34), `cpu ${res[0].slice(0, 60)} | ${target} ${res[1].slice(0, 60)}`);
    }
  }
}
console.log(`${bad} problem(s); kernels missing on ${target}: ${[...missing].join(', ') || 'none'}`);
