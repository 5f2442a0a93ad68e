import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice } from '../config/schema';
import type { BackendInfo } from '../train/run';
import { backendLabel, describeChoice, fastest, measureCandidates, type Calibration, DEFAULT_BUDGET_MS } from './calibrate';
import { emulatedWebGlReason, emulatedWebGpuReason, webGlRenderer } from './emulation';
import { registerMissingKernels } from './kernels';

/** Fastest first on real hardware: WebGPU, then WebGL, then WASM (SIMD), then plain JavaScript. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

export interface SelectOptions {
  /**
   * For `auto`: time a few steps of the actual config on each usable backend (GPU ones that are
   * not emulated, and WASM) and keep the fastest; the choice is cached per device and shape.
   * Without it, `auto` takes the first usable backend in BACKEND_ORDER.
   */
  calibration?: Calibration;
}

/**
 * Activates the requested backend, or the first that works. A forced backend that fails falls back
 * to the others and the reason is kept, so the UI can say "WebGPU unavailable: …; using WASM".
 * `auto` never settles on a CPU-emulated GPU (fallback adapter, software renderer) when WASM can
 * run: those are skipped with the reason. Only backends whose packages the caller imported
 * (registered) are tried.
 */
export async function selectBackend(
  choice: BackendChoice,
  exclude: readonly { name: string; reason: string }[] = [],
  options: SelectOptions = {},
): Promise<BackendInfo> {
  const registered = new Set(Object.keys(tf.engine().registryFactory));
  const excluded = new Set(exclude.map((e) => e.name));
  const order = (choice === 'auto' ? [...BACKEND_ORDER] : [choice, ...BACKEND_ORDER.filter((b) => b !== choice)]).filter((b) => !excluded.has(b));
  const fallbacks: BackendInfo['fallbacks'] = [...exclude];
  // An emulated GPU only loses to WASM if WASM is there to take over.
  const skipEmulated = choice === 'auto' && registered.has('wasm') && !excluded.has('wasm');
  const usable: string[] = [];
  const device: string[] = [];
  for (const name of order) {
    if (!registered.has(name)) {
      if (name === choice) fallbacks.push({ name, reason: 'not available in this environment' });
      continue;
    }
    const problem = await preconditionProblem(name, skipEmulated, device);
    if (problem) fallbacks.push({ name, reason: problem });
    else usable.push(name);
  }
  const skipped = fallbacks.filter((f) => !excluded.has(f.name) && /emulated on the CPU/.test(f.reason));
  const skippedNote = skipped.length ? `skipped ${skipped.map((f) => `${backendLabel(f.name)}: ${f.reason}`).join('; ')}` : '';

  const measurable = usable.filter((n) => n !== 'cpu');
  if (choice === 'auto' && options.calibration && measurable.length >= 2) {
    const measured = await calibrate(measurable, options.calibration, device, fallbacks);
    if (measured) return { ...measured, choice: [measured.choice, skippedNote].filter((s) => s).join('; ') };
  }

  for (const name of usable) {
    const reason = await activate(name);
    if (reason) {
      fallbacks.push({ name, reason });
      continue;
    }
    const choiceText = choice === 'auto' && skippedNote ? `chose ${backendLabel(name)}: ${skippedNote}` : undefined;
    return { name, adapter: await describeAdapter(name), fallbacks, ...(choiceText ? { choice: choiceText } : {}) };
  }
  throw new Error(`No tfjs backend could start: ${fallbacks.map((f) => `${f.name}: ${f.reason}`).join('; ')}`);
}

/** Switches to `name` and patches its kernels; resolves with why it failed, or null. */
async function activate(name: string): Promise<string | null> {
  let reason = 'failed to initialise';
  try {
    if (await tf.setBackend(name)) {
      await tf.ready();
      registerMissingKernels(name);
      return null;
    }
  } catch (e) {
    reason = e instanceof Error ? e.message : String(e);
  }
  return reason;
}

async function calibrate(
  candidates: string[],
  cal: Calibration,
  device: string[],
  fallbacks: BackendInfo['fallbacks'],
): Promise<(BackendInfo & { choice: string }) | null> {
  const key = `${[...candidates, ...device, hardwareThreads()].join(',')}|${cal.shapeKey}`;
  const cached = await cal.cache?.get(key).catch(() => undefined);
  if (cached && candidates.includes(cached.backend) && (await activate(cached.backend)) === null) {
    return { name: cached.backend, adapter: await describeAdapter(cached.backend), fallbacks, choice: describeChoice(cached.backend, cached.timings, true) };
  }
  const failures = new Map<string, string>();
  const timings = await measureCandidates(
    candidates,
    async (name) => {
      const reason = await activate(name);
      if (reason) failures.set(name, reason);
      return reason === null;
    },
    cal.timeSteps,
    cal.budgetMs ?? DEFAULT_BUDGET_MS,
  );
  for (const [name, reason] of failures) fallbacks.push({ name, reason });
  const best = fastest(timings);
  if (!best || (await activate(best)) !== null) return null;
  await cal.cache?.set(key, { backend: best, timings }).catch(() => undefined);
  return { name: best, adapter: await describeAdapter(best), fallbacks, choice: describeChoice(best, timings, false) };
}

function hardwareThreads(): number {
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 0;
}

async function preconditionProblem(name: string, skipEmulated: boolean, device: string[]): Promise<string | null> {
  const nav = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator;
  if (name === 'webgpu') {
    if (!nav?.gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
    const adapter = (await nav.gpu.requestAdapter().catch(() => null)) as Parameters<typeof emulatedWebGpuReason>[0] | null;
    if (!adapter) return 'no WebGPU adapter was offered';
    const emulated = emulatedWebGpuReason(adapter);
    device.push(`webgpu:${emulated ?? JSON.stringify(adapter.info ?? {})}`);
    if (skipEmulated && emulated) return emulated;
  }
  if (name === 'webgl') {
    if (typeof OffscreenCanvas === 'undefined' && typeof document === 'undefined') return 'no canvas to create a WebGL context on';
    if (skipEmulated) {
      const renderer = webGlRenderer();
      device.push(`webgl:${renderer}`);
      const emulated = emulatedWebGlReason(renderer);
      if (emulated) return emulated;
    }
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
    if (name === 'wasm') return await describeWasm();
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

/** "WebAssembly with SIMD, 2 threads", or 1 thread and why. */
async function describeWasm(): Promise<string> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const backend = tf.backend() as unknown as { wasm?: { tfjs?: { getThreadsCount?(): number } } };
  const threads = backend.wasm?.tfjs?.getThreadsCount?.() ?? 1;
  const base = `WebAssembly${simd ? ' with SIMD' : ''}, ${threads} thread${threads === 1 ? '' : 's'}`;
  if (threads > 1) return base;
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  // Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages.
  if (g.crossOriginIsolated === false) return `${base} (page not cross-origin isolated: no COOP/COEP headers, so no shared memory for threads)`;
  if (g.crossOriginIsolated === true && (g.navigator?.hardwareConcurrency ?? 1) <= 1) return `${base} (one CPU core)`;
  return base;
}
