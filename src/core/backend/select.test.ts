import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import './kernels/testUtils'; // registers cpu and wasm
import type { CachedChoice } from './calibrate';
import { selectBackend } from './select';

// Node has no GPU backend, so a stand-in named 'webgpu' runs on the CPU kernels, and navigator.gpu
// offers whatever adapter a test describes. What is tested is the decision, not any speed: the
// step timer reports fixed costs per backend.
const g = globalThis as { navigator?: { gpu?: unknown } };
let adapter: object = {};
const fakeGpuBackend = () => tf.registerBackend('webgpu', () => new MathBackendCPU(), 0);

beforeAll(() => {
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'webgpu' });
  fakeGpuBackend();
  // Node 20 has no navigator at all; newer Node has one without gpu.
  if (!g.navigator) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true });
  Object.defineProperty(g.navigator!, 'gpu', { value: { requestAdapter: async () => adapter }, configurable: true });
});
afterEach(() => {
  tf.removeBackend('webgpu'); // a fresh instance per test
  fakeGpuBackend();
});

const cost: Record<string, number> = { webgpu: 410, wasm: 31 };
function memoryCache() {
  const m = new Map<string, CachedChoice>();
  return { map: m, cache: { get: async (k: string) => m.get(k), set: async (k: string, v: CachedChoice) => void m.set(k, v) } };
}

describe('selectBackend', () => {
  it('auto skips a fallback WebGPU adapter when WASM works, and says why', async () => {
    adapter = { info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } };
    const info = await selectBackend('auto');
    expect(info.name).toBe('wasm');
    expect(info.fallbacks).toContainEqual({ name: 'webgpu', reason: 'fallback adapter (google swiftshader), emulated on the CPU' });
    expect(info.choice).toBe('chose WASM: skipped WebGPU: fallback adapter (google swiftshader), emulated on the CPU');
  });

  it('a forced backend is honoured even on an emulated adapter', async () => {
    adapter = { info: { isFallbackAdapter: true } };
    const info = await selectBackend('webgpu');
    expect(info.name).toBe('webgpu');
    expect(info.choice).toBeUndefined();
  });

  it('auto measures real candidates, keeps the fastest and caches it per device and shape', async () => {
    adapter = { info: { vendor: 'nvidia', architecture: 'ampere' } };
    const { map, cache } = memoryCache();
    let measured = 0;
    const calibration = {
      shapeKey: 'simclr/64/16',
      cache,
      timeSteps: async () => (measured++, cost[tf.getBackend()]),
    };
    const first = await selectBackend('auto', [], { calibration });
    expect(first.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(first.choice).toBe('chose WASM: 31 ms/step vs WebGPU 410 ms/step');
    expect(measured).toBe(2);
    expect([...map.values()]).toEqual([{ backend: 'wasm', timings: [{ name: 'webgpu', msPerStep: 410 }, { name: 'wasm', msPerStep: 31 }] }]);
    expect([...map.keys()][0]).toMatch(/\|simclr\/64\/16$/);

    const again = await selectBackend('auto', [], { calibration });
    expect(measured).toBe(2); // from the cache, nothing re-measured
    expect(again.choice).toBe('chose WASM: 31 ms/step vs WebGPU 410 ms/step (measured earlier on this device)');

    // Another shape is measured afresh; a GPU that is faster for it wins.
    cost.webgpu = 12;
    const other = await selectBackend('auto', [], { calibration: { ...calibration, shapeKey: 'mae/256/32' } });
    expect(other.name).toBe('webgpu');
    expect(measured).toBe(4);
    cost.webgpu = 410;
  });

  it('describes single-threaded WASM in Node without inventing a reason', async () => {
    adapter = { info: { isFallbackAdapter: true } };
    const info = await selectBackend('wasm');
    expect(info.adapter).toBe('WebAssembly with SIMD, 1 thread');
  });
});
