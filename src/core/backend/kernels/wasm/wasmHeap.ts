import * as tf from '@tensorflow/tfjs-core';

/**
 * Direct access to tfjs-backend-wasm's heap, for our own WebAssembly kernels (*.wat here).
 *
 * Why: the kernels in this folder are SIMD loops that read their inputs and write their output in
 * place, in the backend's own memory, so no tensor is copied. That needs three things the backend
 * does not document but has in every 4.x release: its WebAssembly.Memory (`wasm.asm.memory` in the
 * single-threaded build, `wasm.wasmMemory` in the threaded one), each tensor's byte offset in it
 * (`dataIdMap`), and `makeOutput` to allocate a result there. If any of them is missing (a future
 * tfjs, another backend) `wasmHeapOf` returns null and the callers keep their tf-ops formulation.
 */
export interface WasmHeap {
  memory: WebAssembly.Memory;
  /** The threaded build's heap (a SharedArrayBuffer): XNNPACK's kernels there run on a thread pool, ours on one thread. */
  shared: boolean;
  /** Byte offset of a tensor's values in `memory`. */
  offsetOf(t: tf.TensorInfo): number;
  /** A new float32 tensor allocated in `memory` (values undefined until a kernel writes them). */
  allocate(shape: number[]): { tensor: tf.Tensor; offset: number };
}

interface BackendWasmLike {
  wasm?: { asm?: { memory?: unknown }; wasmMemory?: unknown };
  dataIdMap?: { get(dataId: object): { memoryOffset?: number } | undefined };
  makeOutput?(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

export function wasmHeapOf(backend: unknown): WasmHeap | null {
  const b = backend as BackendWasmLike | null;
  const memory = b?.wasm?.asm?.memory ?? b?.wasm?.wasmMemory;
  if (!(memory instanceof WebAssembly.Memory) || b?.dataIdMap == null || typeof b.makeOutput !== 'function') return null;
  const offsetOf = (t: tf.TensorInfo): number => {
    const offset = b.dataIdMap!.get(t.dataId)?.memoryOffset;
    if (typeof offset !== 'number') throw new Error('wasm heap: tensor has no memory offset');
    return offset;
  };
  return {
    memory,
    shared: isShared(memory),
    offsetOf,
    allocate(shape) {
      const info = b.makeOutput!(shape, 'float32');
      // makeOutput leaves the backend's reference count at 1 and the engine's at 0; the tensor owns both.
      const tensor = tf.engine().makeTensorFromTensorInfo(info, backend as tf.KernelBackend);
      return { tensor, offset: offsetOf(info) };
    },
  };
}

function isShared(memory: WebAssembly.Memory): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const chars = atob(text);
  const bytes = new Uint8Array(chars.length);
  for (let i = 0; i < chars.length; i++) bytes[i] = chars.charCodeAt(i);
  return bytes;
}

/** A kernel module's assembled binaries (the *.wasm.ts files scripts/build-wasm-kernels.mjs writes). */
export interface KernelBinaries {
  plain: string;
  shared: string;
}

const instances = new WeakMap<KernelBinaries, WeakMap<WebAssembly.Memory, WebAssembly.Instance | null>>();

/**
 * The kernel module instantiated on `memory` (once per module and memory), or null when this engine
 * cannot run it (no SIMD: tfjs then runs its plain build, and so do we, through tf ops).
 * Synchronous: the modules are ~1 KB, and kernels are called synchronously.
 */
export function kernelInstance(binaries: KernelBinaries, memory: WebAssembly.Memory): WebAssembly.Instance | null {
  let perMemory = instances.get(binaries);
  if (perMemory == null) instances.set(binaries, (perMemory = new WeakMap()));
  if (perMemory.has(memory)) return perMemory.get(memory)!;
  const shared = isShared(memory);
  let instance: WebAssembly.Instance | null = null;
  try {
    const module = new WebAssembly.Module(decodeBase64(shared ? binaries.shared : binaries.plain));
    instance = new WebAssembly.Instance(module, { env: { memory } });
  } catch {
    instance = null;
  }
  perMemory.set(memory, instance);
  return instance;
}

/** A kernel module instantiated on the wasm backend's heap. */
export interface HeapKernel {
  heap: WasmHeap;
  exports: WebAssembly.Exports;
}

/** The kernel module on the wasm backend's heap, or null (no heap access, no SIMD). */
export function heapKernel(binaries: KernelBinaries): HeapKernel | null {
  const heap = wasmHeapOf(tf.engine().findBackend('wasm'));
  if (heap == null) return null;
  const instance = kernelInstance(binaries, heap.memory);
  return instance == null ? null : { heap, exports: instance.exports };
}
