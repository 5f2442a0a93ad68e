// Browser throughput benchmark: the built app in headless Chromium, the default SimCLR config for a
// fixed number of steps on each backend, read from the run the app exports.
// Usage: npm run build && node bench/browser-bench.mjs [--steps 10] [--backends wasm,webgl,webgpu]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { findBrowser } from '../scripts/find-browser.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const steps = Number(opt('steps', '10'));
const backends = opt('backends', 'wasm,webgl,webgpu').split(',');
const port = 4175;

const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
const stopServer = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {}
};
process.on('exit', stopServer);
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 200));
}

const browser = await chromium.launch({
  executablePath: findBrowser() ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'],
});
const rows = [];
for (const backend of backends) {
  const page = await browser.newPage({ acceptDownloads: true });
  await page.goto(`http://127.0.0.1:${port}/?method=simclr&backend=${backend}&steps=${steps}&probeEvery=0`);
  await page.getByTestId('start').click();
  await page.getByTestId('run-state').filter({ hasText: /^(done|error)$/ }).waitFor({ timeout: 1_800_000 });
  const state = await page.getByTestId('run-state').textContent();
  if (state !== 'done') {
    rows.push(`| browser ${backend} | failed: ${await page.getByTestId('status-message').textContent().catch(() => '?')} | | |`);
    await page.close();
    continue;
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-run').click()]);
  const run = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const adapter = (await page.getByTestId('backend-adapter').textContent())?.trim();
  const actual = (await page.getByTestId('backend-name').textContent())?.trim();
  rows.push(`| browser ${actual} (${adapter}) | ${run.stepsPerSecond.toFixed(2)} | ${(run.stepsPerSecond * run.config.batch).toFixed(0)} | ${(run.hostReads / steps).toFixed(2)} |`);
  console.error(rows[rows.length - 1]);
  await page.close();
}
await browser.close();
stopServer();
console.log(`SimCLR default config (batch 64, width 16), ${steps} steps, probes off, in a dedicated worker\n`);
console.log('| backend | steps/s | images/s | host read-backs per step |');
console.log('|---|---|---|---|');
rows.forEach((r) => console.log(r));
process.exit(0);
