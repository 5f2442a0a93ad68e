import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice } from '../config/schema';
import type { BackendInfo } from '../train/run';
import { registerMissingKernels } from './kernels';

/** Fastest first: WebGPU, then WebGL, then WASM (SIMD), then plain JavaScript. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

/**
 * Activates the requested backend, or the first that works. A forced backend that fails falls back
 * to the others and the reason is kept, so the UI can say "WebGPU unavailable: …; using WASM".
 * Only backends whose packages the caller imported (registered) are tried.
 */
export async function selectBackend(choice: BackendChoice, exclude: readonly { name: string; reason: string }[] = []): Promise<BackendInfo> {
  const registered = new Set(Object.keys(tf.engine().registryFactory));
  const excluded = new Set(exclude.map((e) => e.name));
  const order = (choice === 'auto' ? [...BACKEND_ORDER] : [choice, ...BACKEND_ORDER.filter((b) => b !== choice)]).filter((b) => !excluded.has(b));
  const fallbacks: BackendInfo['fallbacks'] = [...exclude];
  for (const name of order) {
    if (!registered.has(name)) {
      if (name === choice) fallbacks.push({ name, reason: 'not available in this environment' });
      continue;
    }
    const precondition = await preconditionProblem(name);
    if (precondition) {
      fallbacks.push({ name, reason: precondition });
      continue;
    }
    let ok = false;
    let reason = 'failed to initialise';
    try {
      ok = await tf.setBackend(name);
      await tf.ready();
    } catch (e) {
      reason = e instanceof Error ? e.message : String(e);
    }
    if (!ok) {
      fallbacks.push({ name, reason });
      continue;
    }
    registerMissingKernels(name);
    return { name, adapter: await describeAdapter(name), fallbacks };
  }
  throw new Error(`No tfjs backend could start: ${fallbacks.map((f) => `${f.name}: ${f.reason}`).join('; ')}`);
}

async function preconditionProblem(name: string): Promise<string | null> {
  const nav = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator;
  if (name === 'webgpu') {
    if (!nav?.gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
    const adapter = await nav.gpu.requestAdapter().catch(() => null);
    if (!adapter) return 'no WebGPU adapter was offered';
  }
  if (name === 'webgl' && typeof OffscreenCanvas === 'undefined' && typeof document === 'undefined') {
    return 'no canvas to create a WebGL context on';
  }
  return null;
}

interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

async function describeAdapter(name: string): Promise<string> {
  try {
    if (name === 'webgpu') {
      const nav = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<{ info?: GpuAdapterInfoLike; isFallbackAdapter?: boolean } | null> } } }).navigator;
      const adapter = await nav?.gpu?.requestAdapter();
      const info = adapter?.info ?? {};
      const parts = [info.vendor, info.architecture, info.description].filter((s) => s && s.length > 0);
      const fallback = info.isFallbackAdapter ?? adapter?.isFallbackAdapter;
      const text = parts.length ? [...new Set(parts)].join(' ') : 'WebGPU adapter';
      return fallback ? `${text} (fallback adapter)` : text;
    }
    if (name === 'webgl') {
      const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } };
      const gl = backend.gpgpu?.gl;
      const ext = gl?.getExtension('WEBGL_debug_renderer_info');
      const renderer = gl && ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl?.getParameter(gl.RENDERER);
      return `WebGL ${tf.env().getNumber('WEBGL_VERSION')}: ${renderer ?? 'unknown renderer'}`;
    }
    if (name === 'wasm') {
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      return simd ? 'WebAssembly with SIMD, 1 thread' : 'WebAssembly, 1 thread';
    }
  } catch {
    // Description is cosmetic; never fail a run over it.
  }
  return name === 'cpu' ? 'plain JavaScript' : name;
}

/** Resolves with a reason if the active backend's GPU device is lost (WebGPU reports it). */
export function onDeviceLost(callback: (reason: string) => void): void {
  const backend = tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string; reason?: string }> } };
  backend.device?.lost?.then((info) => callback(info.message || info.reason || 'the GPU device was lost'));
}

/** GPU backends can lose their device mid-run (driver reset, tab in background on mobile). */
export function isGpuBackend(name: string): boolean {
  return name === 'webgpu' || name === 'webgl';
}
