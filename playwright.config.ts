import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the set-up script
import { findBrowser } from './scripts/find-browser.mjs';

// E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4174);

/**
 * Specs that judge wall-clock time or race the app: main-thread long tasks (compare, responsive),
 * one Slow-motion step per second (graph), a reload before the run ends (resume). Project 'alone'
 * holds them; `npm test` runs it by itself after project 'shared' has run on two workers
 * (scripts/test-all.sh), so no other browser competes for the CPU while they are timed.
 */
const ALONE = ['compare', 'graph', 'resume', 'responsive'].map((name) => `**/${name}.spec.ts`);

/**
 * End-to-end tests in real headless Chromium (Debian's, never a downloaded one) against the built
 * app served by `vite preview`. WebGPU is SwiftShader's fallback adapter here, so GPU smoke tests
 * keep configs tiny; functional tests force backend=wasm, the fastest backend on CPU-only machines.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 240_000,
  expect: { timeout: 120_000 },
  // One at a time unless asked (`--workers=2`, as scripts/test-all.sh does for project 'shared').
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
  projects: [
    // Each test opens its own page and IndexedDB, so any two can run at once.
    { name: 'shared', testIgnore: ALONE, fullyParallel: true },
    { name: 'alone', testMatch: ALONE },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
