import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { registerMissingKernels } from '../backend/kernels';
import { createVitEncoder } from './vit';
import { pattern } from './vit/testUtil';

/**
 * The ViT's forward and backward on WASM (what the runner and the e2e use) against CPU: every op it
 * uses has a WASM kernel and a gradient, and the numbers agree.
 */
async function forwardAndGrads(backend: string): Promise<{ features: Float32Array; visible: Float32Array; grads: Map<string, Float32Array> }> {
  expect(await tf.setBackend(backend)).toBe(true);
  registerMissingKernels(backend);
  const vit = createVitEncoder({ channels: 1, height: 28, width: 28, patchSize: 4, dim: 12, depth: 2, heads: 3, seed: 5 });
  const x = pattern([3, 28, 28, 1]) as tf.Tensor4D;
  const small = pattern([3, 12, 12, 1], 2) as tf.Tensor4D;
  const visible = Int32Array.from({ length: 3 * 10 }, (_, i) => (i * 5) % 49);
  const r = pattern([3, 12], 4);
  const features = (await vit.apply(x).data()) as Float32Array;
  const encoded = (await vit.encodeVisible(small, Int32Array.from({ length: 3 * 4 }, (_, i) => (i * 2) % 9)).data()) as Float32Array;
  const { grads, value } = tf.variableGrads(
    () => tf.add(tf.sum(tf.mul(vit.apply(x), r)), tf.sum(tf.square(vit.encodeVisible(x, visible)))) as tf.Scalar,
    vit.params.list(),
  );
  const out = new Map<string, Float32Array>();
  for (const [name, v] of vit.params.vars) out.set(name, (await grads[v.name].data()) as Float32Array);
  tf.dispose([...Object.values(grads), value, x, small, r]);
  vit.params.dispose();
  return { features, visible: encoded, grads: out };
}

it('trains on WASM with the same forward and gradients as on CPU', async () => {
  const cpu = await forwardAndGrads('cpu');
  const wasm = await forwardAndGrads('wasm');
  const worst = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
  expect(worst(cpu.features, wasm.features)).toBeLessThan(1e-4);
  expect(worst(cpu.visible, wasm.visible)).toBeLessThan(1e-4);
  expect(wasm.grads.size).toBe(cpu.grads.size);
  for (const [name, g] of cpu.grads) {
    const scale = Math.max(1e-3, ...Array.from(g, Math.abs));
    expect(worst(g, wasm.grads.get(name)!) / scale, name).toBeLessThan(1e-3);
  }
});
