import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import type { RunnerBackend } from './args';

/**
 * Registers what Node can run. WebGPU comes from the npm package "webgpu" (Dawn's Node binding),
 * loaded only when asked for, so a machine without Vulkan never touches it.
 */
// tfjs-core registers no gradient functions by itself, and its ESM build cannot be deep-imported by
// Node (directory imports). The umbrella package's CommonJS build registers them into tfjs-core's
// global registry, which the ESM imports above share.
createRequire(import.meta.url)('@tensorflow/tfjs');

export async function prepareNodeBackend(backend: RunnerBackend): Promise<void> {
  // Single-threaded WASM: threads gave no speed-up on the 2-core machines we measured.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (backend !== 'webgpu') return;
  let dawn: { create(flags: string[]): unknown; globals: Record<string, unknown> };
  try {
    dawn = (await import('webgpu')) as unknown as typeof dawn;
  } catch (e) {
    throw new Error(`--backend webgpu needs the npm package "webgpu" (${e instanceof Error ? e.message : e})`);
  }
  Object.assign(globalThis, dawn.globals);
  const nav = ((globalThis as { navigator?: object }).navigator ?? {}) as { gpu?: unknown };
  Object.defineProperty(nav, 'gpu', { value: dawn.create([]), configurable: true });
  if (!(globalThis as { navigator?: object }).navigator) Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true });
  await import('@tensorflow/tfjs-backend-webgpu');
  const adapter = await (nav.gpu as { requestAdapter(): Promise<unknown> }).requestAdapter();
  if (!adapter) {
    throw new Error(
      'WebGPU found no adapter. On a machine without a GPU driver, point Vulkan at SwiftShader: ' +
        'VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json XDG_RUNTIME_DIR=/tmp npm run train -- … --backend webgpu',
    );
  }
}
