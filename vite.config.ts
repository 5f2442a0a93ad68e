import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { wasmThreadsSurviveMinify } from './scripts/vite-wasm-threads';

/**
 * Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, which multi-threaded WASM
 * needs. Every server that hosts the app must send these two headers (README, "Deploying"); without
 * them training still works, single-threaded, and the backend badge says why.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), wasmThreadsSurviveMinify()],
  worker: { format: 'es', plugins: () => [wasmThreadsSurviveMinify()] },
  // The .wasm binaries of tfjs-backend-wasm are imported with ?url and served as assets.
  assetsInclude: ['**/*.wasm'],
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { port: 5173, host: '127.0.0.1', headers: ISOLATION_HEADERS },
  preview: { port: 4173, host: '127.0.0.1', headers: ISOLATION_HEADERS },
});
