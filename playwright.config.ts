import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the set-up script
import { findBrowser } from './scripts/find-browser.mjs';

// E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4174);

/**
 * End-to-end tests in real headless Chromium (Debian's, never a downloaded one) against the built
 * app served by `vite preview`. WebGPU is SwiftShader's fallback adapter here, so GPU smoke tests
 * keep configs tiny; functional tests force backend=wasm, the fastest backend on CPU-only machines.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 240_000,
  expect: { timeout: 120_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: findBrowser() ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--enable-unsafe-webgpu',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
