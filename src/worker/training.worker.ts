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
  // One thread per core, capped at 8 (the pool of pthread workers tfjs-backend-wasm pre-creates).
  const threads = Math.min(Math.max(navigator.hardwareConcurrency || 1, 1), 8);
  setThreadsCount(threads);
  // tfjs-backend-wasm 4.22 further caps its XNNPACK pool at hardwareConcurrency / 2 (backend.cc
  // assumes two hyper-threads per core), so on a 2-core machine it never started a second thread,
  // whatever setThreadsCount said (tensorflow/tfjs#8513). It reads the count through Emscripten's
  // emscripten_num_logical_cores(), i.e. this worker's navigator.hardwareConcurrency: report twice
  // the wanted count here so that cap equals `threads`.
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: threads * 2, configurable: true });
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
  (config) => loadDatasetOverHttp(config, new URL(import.meta.env.BASE_URL, scope.location.origin).href),
);
scope.onmessage = (e: MessageEvent) => {
  void session.handle(e.data);
};
