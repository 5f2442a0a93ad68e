// Browser throughput benchmark: the built app in headless Chromium, a SimCLR config (bench/configs.mjs) for a
// fixed number of steps per setup, read from the run the app exports. Also counts main-thread long
// tasks (PerformanceObserver 'longtask', > 50 ms wall) during each run, and from a trace how many of
// them used over 50 ms of main-thread CPU (wall time includes preemption; CPU time is the page's own).
// Setups: wasm (cross-origin isolated, so multi-threaded), wasm-1t (COOP/COEP stripped, so one
// thread), webgl, webgpu, auto.
// Usage: npm run build && node bench/browser-bench.mjs [--steps 10] [--setups wasm,wasm-1t,webgl,webgpu] [--config 'method=simclr'] [--json out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { launchChromium, startPreview, stripIsolation } from '../scripts/chromium.mjs';
import { describeLongTasks, longTasks as tracedLongTasks, traceCategories } from '../scripts/traceTasks.mjs';
import { REFERENCE } from './configs.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const steps = Number(opt('steps', '10'));
const setups = opt('setups', 'wasm,wasm-1t,webgl,webgpu').split(',');
const jsonPath = opt('json', '');
const query = opt('config', REFERENCE.query);
const port = Number(process.env.E2E_PORT ?? 4175);

const stopServer = await startPreview(port);
const browser = await launchChromium(['--enable-unsafe-webgpu']);

const results = [];
for (const setup of setups) {
  const backend = setup === 'wasm-1t' ? 'wasm' : setup;
  const page = await browser.newPage({ acceptDownloads: true });
  if (setup === 'wasm-1t') await stripIsolation(page);
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`http://127.0.0.1:${port}/?${query}&backend=${backend}&steps=${steps}&probeEvery=0`);
  await page.getByTestId('start').waitFor();
  const before = await page.evaluate(() => window.__longTasks.length); // page load, not training
  // Traced too: each task's main-thread CPU time, which preemption by the worker's threads or other
  // processes does not stretch (the wall durations above it does).
  await browser.startTracing(page, { categories: traceCategories({ profile: false }) });
  await page.getByTestId('start').click();
  await page.getByTestId('run-state').filter({ hasText: /^(done|error)$/ }).waitFor({ timeout: 1_800_000 });
  const traced = describeLongTasks(tracedLongTasks(JSON.parse((await browser.stopTracing()).toString('utf8')), { origin: `http://127.0.0.1:${port}/` })).summary;
  const longTasks = (await page.evaluate(() => window.__longTasks)).slice(before);
  const state = await page.getByTestId('run-state').textContent();
  if (state !== 'done') {
    results.push({ setup, failed: (await page.getByTestId('status-message').textContent().catch(() => '?')) ?? '?' });
    await page.close();
    continue;
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-run').click()]);
  const run = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const row = {
    setup,
    backend: (await page.getByTestId('backend-name').textContent())?.trim(),
    adapter: (await page.getByTestId('backend-adapter').textContent())?.trim(),
    choice: (await page.getByTestId('backend-choice').textContent().catch(() => null))?.trim() ?? null,
    stepsPerSecond: run.stepsPerSecond,
    imagesPerSecond: run.stepsPerSecond * run.config.batch,
    readsPerStep: run.hostReads / steps,
    longTasks: longTasks.length,
    longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
    longestTaskCpuMs: traced.longestCpuMs,
    tasksOver50CpuMs: traced.overCpu,
  };
  results.push(row);
  console.error(JSON.stringify(row));
  await page.close();
}
await browser.close();
stopServer();
console.log(`${query}, ${steps} steps, probes off, in a dedicated worker\n`);
console.log('| setup | backend (device) | steps/s | images/s | host read-backs per step | main-thread long tasks (longest, wall) | of them over 50 ms of main-thread CPU (longest CPU) |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  if (r.failed) console.log(`| ${r.setup} | failed: ${r.failed} | | | | | |`);
  else console.log(`| ${r.setup} | ${r.backend} (${r.adapter}) | ${r.stepsPerSecond.toFixed(2)} | ${r.imagesPerSecond.toFixed(0)} | ${r.readsPerStep.toFixed(2)} | ${r.longTasks} (${r.longestTaskMs.toFixed(0)} ms) | ${r.tasksOver50CpuMs} (${r.longestTaskCpuMs.toFixed(0)} ms) |`);
}
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(results));
process.exit(0);
