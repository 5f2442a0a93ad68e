/**
 * Test helpers for the kernel tests (not shipped code).
 *
 * Importing this sets up what every kernel test needs: tfjs-core's gradients
 * (tfjs-core alone registers none; @tensorflow/tfjs normally does it), and the
 * cpu and wasm backends. In Node the wasm backend loads its non-threaded SIMD
 * binary from node_modules by itself (tfjs never enables threads under Node),
 * so no setWasmPaths is needed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

/**
 * The CPU backend's own kernels, captured before any test replaces them, so
 * "reference" always means stock tfjs behaviour.
 */
const stockCpu = new Map<string, tf.KernelConfig>();
for (const name of [tf.Conv2DBackpropFilter, tf.Conv2DBackpropInput, tf.MaxPoolGrad, tf.MaxPoolWithArgmax, tf.UnsortedSegmentSum, tf.Cumsum]) {
  const k = tf.getKernel(name, 'cpu');
  if (k != null) stockCpu.set(name, { ...k });
}

/** Runs the stock CPU kernel directly (the cpu backend must be initialised). */
export function runStockCpu(
  kernelName: string,
  inputs: Record<string, tf.Tensor>,
  attrs: tf.NamedAttrMap,
): tf.Tensor[] {
  const k = stockCpu.get(kernelName);
  if (k == null) throw new Error(`no stock cpu kernel ${kernelName}`);
  const backend = tf.findBackend('cpu');
  if (backend == null) throw new Error('cpu backend not initialised');
  const out = k.kernelFunc({ inputs, attrs, backend });
  const infos = Array.isArray(out) ? out : [out];
  return infos.map((i) => tf.engine().makeTensorFromTensorInfo(i, backend));
}

export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`backend ${name} failed to initialise`);
}

/** Deterministic standard-normal-ish values (Box–Muller over an LCG). */
export function randn(n: number, seed: number): Float32Array {
  let s = (seed * 2654435761) % 2147483647 || 1;
  const u = () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
  return out;
}

export function randTensor(shape: number[], seed: number, scale = 1, shift = 0): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(randn(n, seed).map((v) => v * scale + shift), shape, 'float32');
}

/** max |a − b| / max |b|: relative to the reference's scale, robust to near-zero entries. */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let scale = 1e-12;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m / scale;
}

/** Copies a tensor's values off whichever backend holds them. */
export function values(t: tf.Tensor): number[] {
  return Array.from(t.dataSync());
}

/** A conv layer the kernel tests run: NHWC input shape, filter size, output channels, stride and padding. */
export interface ConvCase {
  x: [number, number, number, number]; // NHWC shape of the forward conv's input
  f: [number, number]; // filter h, w
  cOut: number; // channels of the forward conv's output (dy)
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** The test name of a ConvCase. */
export const convCaseLabel = (c: ConvCase) =>
  `x=${c.x.join('x')} f=${c.f.join('x')}x${c.cOut} s=${c.strides} pad=${c.pad}${c.dimRoundingMode ? `/${c.dimRoundingMode}` : ''}`;

/**
 * A loop's result against tfjs's cpu backend: `reference` runs there (inside a tidy), `runLoop` on
 * wasm (disposing its own inputs). The loop must have run (not null: no fallback), with `shape`,
 * within 1e-5 of the reference relative to its largest value.
 */
export async function expectLoopMatchesCpu(reference: () => number[], runLoop: () => tf.Tensor | null, shape: number[]): Promise<void> {
  await useBackend('cpu');
  const ref = tf.tidy(reference);
  await useBackend('wasm');
  const out = runLoop();
  expect(out).not.toBeNull();
  expect(out!.shape).toEqual(shape);
  expect(maxRelErr(values(out!), ref)).toBeLessThan(1e-5);
  out!.dispose();
}

/** Runs `body` three times on wasm and checks it leaves no tensor and no heap allocation behind. */
export function expectNothingLeftBy(body: () => void): void {
  const backend = tf.backend() as unknown as { numDataIds(): number };
  const tensors = tf.memory().numTensors;
  const dataIds = backend.numDataIds();
  for (let r = 0; r < 3; r++) body();
  expect(tf.memory().numTensors).toBe(tensors);
  expect(backend.numDataIds()).toBe(dataIds);
}
