// Main-thread long tasks during a default run in headless Chromium, measured three ways: wall time
// (what PerformanceObserver 'longtask' reports, stretched when the OS preempts the main thread),
// main-thread CPU time (the trace's thread time: what the page's thread actually ran), and the
// page's own JavaScript inside each task (V8 sampling profiler), charged to the React component or
// effect it ran in. Target (issue 10): no task whose own work exceeds 50 ms.
// The profiler adds some overhead to the JS figure; --no-profile gives wall and CPU time without it.
// For readable names build unminified first: npx vite build --minify false --outDir /tmp/dist-raw,
// then pass --dist /tmp/dist-raw.
// Usage: npx vite build && node bench/longtasks.mjs [--steps 60] [--config "method=simclr"] [--dist dist] [--no-profile] [--json out.json]
import { writeFileSync } from 'node:fs';
import { launchChromium, startPreview } from '../scripts/chromium.mjs';
import { describeLongTasks, longTasks, traceCategories } from '../scripts/traceTasks.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const steps = Number(opt('steps', '60'));
const query = opt('config', 'method=simclr');
const profile = !argv.includes('--no-profile');
const port = Number(process.env.E2E_PORT ?? 4175);

const stopServer = await startPreview(port, opt('dist', 'dist'));
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
});
await page.goto(`http://127.0.0.1:${port}/?${query}&backend=wasm&steps=${steps}&probeEvery=0`);
await page.getByTestId('start').waitFor();
await page.waitForTimeout(1000); // page load settles: its tasks are not training's
const before = await page.evaluate(() => window.__longTasks.length);
await browser.startTracing(page, { categories: traceCategories({ profile }) });
await page.getByTestId('start').click();
await page.getByTestId('run-state').filter({ hasText: /^(done|error)$/ }).waitFor({ timeout: 1_800_000 });
const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
const observed = (await page.evaluate(() => window.__longTasks)).slice(before);
const state = await page.getByTestId('run-state').textContent();
await browser.close();
stopServer();

// The trace starts after the click: its first task is the click's, so skip nothing more.
const tasks = longTasks(trace, { origin: `http://127.0.0.1:${port}/` });
const { lines, summary } = describeLongTasks(tasks);
console.log(`Main-thread long tasks, ${query}, ${steps} steps on WASM (${state}); PerformanceObserver saw ${observed.length} (longest ${Math.max(0, ...observed).toFixed(0)} ms)`);
console.log(`trace: ${summary.count} tasks over 50 ms wall (longest ${summary.longestWallMs.toFixed(0)} ms); over 50 ms of main-thread CPU: ${summary.overCpu} (longest ${summary.longestCpuMs.toFixed(0)} ms)` +
  (summary.overJs === null ? '' : `; over 50 ms of the page's own JS: ${summary.overJs} (longest ${summary.longestJsMs.toFixed(0)} ms)`));
for (const l of lines) console.log(l);
if (opt('json', '')) writeFileSync(opt('json', ''), JSON.stringify({ observed, tasks, summary }));
process.exit(0);
