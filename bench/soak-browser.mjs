// Browser soak: a long run in the built app's training worker, sampling the worker's JS heap
// after a forced GC while it trains. Flat means: the heap at the end is within 10% of the heap
// after warm-up (the first 10% of steps). Prints the figures; a number for the README, not a test.
// Usage: npm run build && node bench/soak-browser.mjs [--steps 1000] [--config "method=simclr&batch=16&width=8"]
import { launchChromium, startPreview } from '../scripts/chromium.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const steps = Number(opt('steps', '1000'));
const query = opt('config', 'method=simclr&batch=16&width=8');
const port = Number(process.env.E2E_PORT ?? 4175);

await startPreview(port);
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/?${query}&backend=wasm&steps=${steps}&probeEvery=0&metricsEvery=50`);
await page.getByTestId('start').click();
// The training worker's V8 heap over the DevTools protocol (Runtime.getHeapUsage, after
// HeapProfiler.collectGarbage), via a browser-level session attached to the worker target.
const cdp = await browser.newBrowserCDPSession();
const { targetInfos } = await cdp.send('Target.getTargets');
const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes('training.worker'));
if (!target) throw new Error('training worker target not found');
const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
let nextId = 1;
const pending = new Map();
cdp.on('Target.receivedMessageFromTarget', (e) => {
  const msg = JSON.parse(e.message);
  pending.get(msg.id)?.(msg.result);
  pending.delete(msg.id);
});
const inWorker = (method, params = {}) =>
  new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
  });
const heap = async () => {
  await inWorker('HeapProfiler.collectGarbage');
  const { usedSize } = await inWorker('Runtime.getHeapUsage');
  return { js: usedSize };
};
const samples = [];
const started = Date.now();
for (;;) {
  const state = await page.getByTestId('run-state').textContent();
  const step = Number(((await page.getByTestId('step-counter').textContent()) ?? '0').split('/')[0]);
  if (state === 'done' || state === 'error') break;
  const h = await heap().catch((e) => (console.error('measure failed', e.message), null));
  if (h && Number.isFinite(h.js)) samples.push({ step, mb: h.js / 2 ** 20 });
  await page.waitForTimeout(2000);
}
const state = await page.getByTestId('run-state').textContent();
const warm = samples.filter((s) => s.step >= steps / 10);
const first = warm[0];
const last = warm.at(-1);
if (!first || !last) {
  console.log(`browser soak: ${state} after ${(Date.now() - started) / 1000} s, no heap samples`);
} else {
  const growth = (last.mb - first.mb) / first.mb;
  console.log(
    `browser soak, worker on ${(await page.getByTestId('backend-adapter').textContent())?.trim()}, ${query}: ${state} ${steps} steps in ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
      `training worker JS heap after GC ${first.mb.toFixed(1)} MB at step ${first.step} -> ${last.mb.toFixed(1)} MB at step ${last.step} ` +
      `(${(100 * growth).toFixed(1)}%, ${Math.abs(growth) < 0.1 ? 'flat' : 'NOT flat'}), max ${Math.max(...warm.map((s) => s.mb)).toFixed(1)} MB over ${warm.length} samples`,
  );
}
await browser.close();
process.exit(0);
