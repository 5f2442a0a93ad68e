/// <reference lib="webworker" />
// The training worker: registers the tfjs backends, loads datasets over fetch, and hands every
// message to WorkerSession. The logic lives in session.ts so it can be tested without a Worker.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
// tfjs-core alone registers no gradient functions (the umbrella package does, with layers we don't use).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { loadDatasetOverHttp } from './loadDataset';
import { WorkerSession } from './session';

// Threads gave no speed-up on 2 cores and a minified build breaks the threaded worker, so the
// single-threaded SIMD build is always used.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new WorkerSession(
  (msg, transfer) => scope.postMessage(msg, transfer ?? []),
  (config) => loadDatasetOverHttp(config, new URL(import.meta.env.BASE_URL, scope.location.origin).href),
);
scope.onmessage = (e: MessageEvent) => {
  void session.handle(e.data);
};
