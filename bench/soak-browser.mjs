// Browser soak: a long run in the built app's training worker, sampling the worker's JS heap after a
// forced GC while it trains, then accounting for what grew. The run keeps one history row per step
// for its record (the public run format: every step's loss), so the heap must grow by those rows and
// by nothing else. The bench measures:
//  - the worker heap's growth per step: a least-squares slope over the samples after warm-up (the
//    first 10% of steps), and the floor (lowest sample) of the first and the last quarter of them —
//    a single sample is noisy (it catches whatever the step in flight holds);
//  - the bytes one history row takes: the run's own exported rows, rebuilt in the page as the run
//    loop builds them (same V8 build and heap layout as the worker), measured after GC, per row;
//  - what grew, from worker heap snapshots after warm-up, mid-run and near the end, by kind: plain
//    objects, heap numbers and array elements (what history rows are made of), compiled code (V8's
//    optimising compilers and WASM tier-up keep compiling hot functions for a while), and the rest.
// Flat means: growth per step minus bytes per row is within noise (printed as a share of the heap).
// Usage: npm run build && node bench/soak-browser.mjs [--steps 2000] [--config "method=simclr&batch=16&width=8"] [--snapshots 0.1,0.55,0.95]
import { readFileSync } from 'node:fs';
import { launchChromium, startPreview } from '../scripts/chromium.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const steps = Number(opt('steps', '2000'));
const query = opt('config', 'method=simclr&batch=16&width=8');
const port = Number(process.env.E2E_PORT ?? 4175);

await startPreview(port);
const browser = await launchChromium();
const page = await browser.newPage({ acceptDownloads: true });
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
let chunks = [];
cdp.on('Target.receivedMessageFromTarget', (e) => {
  const msg = JSON.parse(e.message);
  if (msg.method === 'HeapProfiler.addHeapSnapshotChunk') return void chunks.push(msg.params.chunk);
  pending.get(msg.id)?.(msg.result);
  pending.delete(msg.id);
});
const inWorker = (method, params = {}) =>
  new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
  });
const workerHeap = async () => {
  await inWorker('HeapProfiler.collectGarbage');
  return (await inWorker('Runtime.getHeapUsage')).usedSize;
};
/** Self sizes in a worker heap snapshot, summed by kind (see the header). */
const kindOf = (type, name) => {
  if (type === 'code' || /InstructionStream|Wasm|Feedback|WeakArrayList|SharedFunctionInfo|Handler|Bytecode/.test(name)) return 'code';
  if ((type === 'object' && name === 'Object') || type === 'number' || (type === 'array' && name === '(object elements)')) return 'rows';
  return 'other';
};
const snapshot = async (step) => {
  chunks = [];
  await inWorker('HeapProfiler.collectGarbage');
  await inWorker('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  const snap = JSON.parse(chunks.join(''));
  chunks = [];
  const fields = snap.snapshot.meta.node_fields;
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const types = snap.snapshot.meta.node_types[0];
  const out = { step, rows: 0, code: 0, other: 0, objects: 0, codeByName: new Map() };
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const t = types[snap.nodes[i + type]];
    const n = snap.strings[snap.nodes[i + name]];
    const kind = kindOf(t, n);
    out[kind] += snap.nodes[i + size];
    if (kind === 'code') out.codeByName.set(`${t} ${n}`, (out.codeByName.get(`${t} ${n}`) ?? 0) + snap.nodes[i + size]);
    if (t === 'object' && n === 'Object') out.objects += 1;
  }
  return out;
};
const samples = [];
const snapshots = [];
const snapshotAt = opt('snapshots', '0.1,0.55,0.95').split(',').map((f) => Math.round(Number(f) * steps));
const started = Date.now();
for (;;) {
  const state = await page.getByTestId('run-state').textContent();
  const step = Number(((await page.getByTestId('step-counter').textContent()) ?? '0').split('/')[0]);
  if (state === 'done' || state === 'error') break;
  if (snapshots.length < snapshotAt.length && step >= snapshotAt[snapshots.length]) snapshots.push(await snapshot(step));
  const bytes = await workerHeap().catch((e) => (console.error('measure failed', e.message), null));
  if (Number.isFinite(bytes)) samples.push({ step, bytes });
  await page.waitForTimeout(1000);
}
const state = await page.getByTestId('run-state').textContent();
const seconds = (Date.now() - started) / 1000;

// Bytes per history row: the run's rows, parsed in the page and kept, measured after GC.
const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-run').click()]);
const rowsJson = JSON.stringify(JSON.parse(readFileSync(await download.path(), 'utf8')).history);
const pageCdp = await page.context().newCDPSession(page);
const pageHeap = async () => {
  await pageCdp.send('HeapProfiler.collectGarbage');
  return (await pageCdp.send('Runtime.getHeapUsage')).usedSize;
};
await page.evaluate((text) => (window.__soakText = text), rowsJson);
const before = await pageHeap();
// Built as the run loop builds them: { step, loss } literals, a reading's metrics assigned onto its row.
const rowCount = await page.evaluate(() => {
  window.__soakRows = JSON.parse(window.__soakText).map(({ step, loss, ...metrics }) => Object.assign({ step, loss }, metrics));
  return window.__soakRows.length;
});
const rowBytes = (await pageHeap()) - before;
await browser.close();

const warm = samples.filter((s) => s.step >= steps / 10);
if (warm.length < 8) {
  console.log(`browser soak: ${state} after ${seconds.toFixed(0)} s, only ${warm.length} heap samples after warm-up`);
  process.exit(0);
}
// Least-squares slope of heap bytes against step.
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const mx = mean(warm.map((s) => s.step));
const my = mean(warm.map((s) => s.bytes));
const slope = warm.reduce((a, s) => a + (s.step - mx) * (s.bytes - my), 0) / warm.reduce((a, s) => a + (s.step - mx) ** 2, 0);
const quarter = Math.max(2, Math.floor(warm.length / 4));
const floorOf = (xs) => xs.reduce((lo, s) => (s.bytes < lo.bytes ? s : lo));
const firstFloor = floorOf(warm.slice(0, quarter));
const lastFloor = floorOf(warm.slice(-quarter));
const perRow = rowBytes / rowCount;
const span = warm.at(-1).step - warm[0].step;
const residual = (slope - perRow) * span; // growth over the warm span not explained by the rows
const mb = (b) => (b / 2 ** 20).toFixed(2);
console.log(`browser soak, ${query}, ${steps} steps on WASM: ${state} in ${seconds.toFixed(0)} s; ${warm.length} worker heap samples after warm-up (step ${warm[0].step}–${warm.at(-1).step})`);
console.log(`  worker JS heap after GC, floor of the first quarter ${mb(firstFloor.bytes)} MB (step ${firstFloor.step}) -> last quarter ${mb(lastFloor.bytes)} MB (step ${lastFloor.step}); samples ${mb(Math.min(...warm.map((s) => s.bytes)))}–${mb(Math.max(...warm.map((s) => s.bytes)))} MB`);
console.log(`  growth: ${slope.toFixed(1)} bytes/step (least squares) = ${mb(slope * span)} MB over ${span} steps`);
console.log(`  history rows kept for the record: ${rowCount} rows take ${(rowBytes / 1024).toFixed(0)} KiB in this V8 = ${perRow.toFixed(1)} bytes/row`);
console.log(
  `  growth not explained by the rows: ${(slope - perRow).toFixed(1)} bytes/step = ${mb(residual)} MB over the span, ${((100 * residual) / firstFloor.bytes).toFixed(1)}% of the heap ` +
    `(${Math.abs(residual) / firstFloor.bytes < 0.05 ? 'flat apart from the record' : 'NOT explained'})`,
);
for (let k = 1; k < snapshots.length; k++) {
  const [a, b] = [snapshots[k - 1], snapshots[k]];
  const kib = (x) => `${x >= 0 ? '+' : ''}${(x / 1024).toFixed(0)} KiB`;
  console.log(
    `  heap snapshots, step ${a.step} -> ${b.step} (${b.step - a.step} steps): plain objects, heap numbers, elements ${kib(b.rows - a.rows)} ` +
      `(${b.objects - a.objects} more objects; history rows at ${perRow.toFixed(0)} B: ${kib((b.step - a.step) * perRow)}), compiled code ${kib(b.code - a.code)}, everything else ${kib(b.other - a.other)}`,
  );
  const codeGrowth = [...b.codeByName].map(([n, v]) => [n, v - (a.codeByName.get(n) ?? 0)]).sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
  console.log(`    compiled code by kind: ${codeGrowth.slice(0, 4).map(([n, v]) => `${n} ${kib(v)}`).join(', ')}`);
}
process.exit(0);
