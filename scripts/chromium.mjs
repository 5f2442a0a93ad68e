// Shared by the browser benchmarks and the e2e tests: the built app's preview server, Debian's
// headless Chromium with the flags this project uses, and a page whose host omits COOP/COEP.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { findBrowser } from './find-browser.mjs';

/** `vite preview` of `outDir` on the given port; resolves once it answers, with a function that stops it. */
export async function startPreview(port, outDir = 'dist') {
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--outDir', outDir], { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
  };
  process.on('exit', stop);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  return stop;
}

export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: findBrowser() ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** Serves the page as a host without COOP/COEP would: not cross-origin isolated, so WASM gets one thread. */
export async function stripIsolation(page) {
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = response.headers();
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
}
