import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, which multi-threaded WASM
 * needs. Every server that hosts the app must send these two headers (README, "Deploying"); without
 * them training still works, single-threaded, and the backend badge says why.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Makes tfjs-backend-wasm's threaded build survive minification.
 *
 * The cause of `ReferenceError: e is not defined` in a minified production build: to start its
 * pthread workers, tfjs-backend-wasm 4.22 (dist/backend_wasm.js) serialises its Emscripten factory
 * with `wasmFactoryThreadedSimd.toString()` and hands that text to each worker as a Blob. In a
 * minified bundle the function's text refers to names that only exist in the bundle's scope (the
 * minifier renamed `_scriptDir`'s closure and the CommonJS interop around it to one-letter names),
 * so the pthread worker that evaluates it alone throws. The dev server does not minify, so it worked.
 *
 * Fix: replace that expression at build time with the factory's original, self-contained source
 * text from node_modules (everything after its leading `var WasmBackendModuleThreadedSimd = `),
 * so what the pthread workers run no longer depends on how the bundle was minified.
 */
function wasmThreadsSurviveMinify(): Plugin {
  const require = createRequire(import.meta.url);
  const factoryFile = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
  const PREFIX = /^\s*var WasmBackendModuleThreadedSimd = /;
  const CALL = 'wasmFactoryThreadedSimd.toString()';
  return {
    name: 'tfjs-wasm-threads-survive-minify',
    enforce: 'pre',
    transform(code, id) {
      if (!/tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/.test(id)) return null;
      const source = readFileSync(factoryFile, 'utf8');
      if (!PREFIX.test(source)) this.error(`${factoryFile} no longer starts with "var WasmBackendModuleThreadedSimd = "; revisit this plugin`);
      if (!code.includes(CALL)) this.error(`${id} no longer calls ${CALL}; revisit this plugin`);
      return { code: code.replace(CALL, JSON.stringify(source.replace(PREFIX, ''))), map: null };
    },
  };
}

export default defineConfig({
  plugins: [react()],
  // tfjs-backend-wasm is only imported by the training worker, whose bundle is built separately.
  worker: { format: 'es', plugins: () => [wasmThreadsSurviveMinify()] },
  // The .wasm binaries of tfjs-backend-wasm are imported with ?url and served as assets.
  assetsInclude: ['**/*.wasm'],
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { port: 5173, host: '127.0.0.1', headers: ISOLATION_HEADERS },
  preview: { port: 4173, host: '127.0.0.1', headers: ISOLATION_HEADERS },
});
