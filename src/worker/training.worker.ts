/// <reference lib="webworker" />
// The training worker: registers the tfjs backends, loads datasets over fetch, and hands every
// message to WorkerSession. The logic lives in session.ts so it can be tested without a Worker.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
// tfjs-core alone registers no gradient functions (the umbrella package does, with layers we don't use).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tf from '@tensorflow/tfjs-core';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { loadDatasetOverHttp } from './loadDataset';
import { WorkerSession } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// Multi-threaded WASM needs SharedArrayBuffer, which only a cross-origin isolated page has (the
// COOP/COEP headers in vite.config.ts). Elsewhere the single-threaded SIMD build runs, and the
// backend badge says why (core/backend/select.ts describes it).
if (scope.crossOriginIsolated) {
  // One thread per core, capped at 8: XNNPACK's speed-up flattens out beyond that for these small
  // convs, and each thread is a Worker with its own stack.
  setThreadsCount(Math.min(Math.max(navigator.hardwareConcurrency || 1, 1), 8));
} else {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

const session = new WorkerSession(
  (msg, transfer) => scope.postMessage(msg, transfer ?? []),
  (key) => loadDatasetOverHttp(key, new URL(import.meta.env.BASE_URL, scope.location.origin).href),
);
scope.onmessage = (e: MessageEvent) => {
  void session.handle(e.data);
};
