// `npm run bench`: Node backends through the runner's code path, the per-kernel profile of one
// WASM step, the same model and step in PyTorch (when python3 with torch is importable) with the
// tfjs-WASM / PyTorch ratio, then browser setups through the built app. Numbers are printed, never
// asserted: speed targets live here, not in tests. Ends with the README's benchmark table.
// Two configs (bench/configs.mjs): issue 10's reference (width 16, no BN) on every setup, and today's
// SimCLR default (width 32, BN) on Node WASM, Chromium WASM and PyTorch.
// Usage: npm run bench [-- --steps 20] [--browser-steps 20] [--no-browser]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTorchPython } from '../src/core/export/python.ts';
import { DEFAULT, REFERENCE } from './configs.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const steps = opt('steps', '20');
const browserSteps = opt('browser-steps', steps);
const dir = mkdtempSync(join(tmpdir(), 'ssl-bench-'));
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
const readJson = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const configs = [
  { ...REFERENCE, key: 'ref', nodeBackends: 'wasm,cpu', browserSetups: 'wasm,wasm-1t,webgl,webgpu' },
  { ...DEFAULT, key: 'default', nodeBackends: 'wasm', browserSetups: 'wasm' },
];

// The PyTorch reference: the export tests' python3 with torch (Debian: python3-torch); $PYTHON first.
const { python, reason } = findTorchPython();
if (!python) console.log(`\nPyTorch reference skipped: ${reason}, or set $PYTHON.`);

for (const c of configs) {
  console.log(`\n## ${c.label}: ${c.query}\n`);
  run('npx', ['tsx', 'bench/node-bench.ts', '--steps', steps, '--backends', c.nodeBackends, '--config', c.query, '--json', join(dir, `node-${c.key}.json`)]);
  console.log(`\nPer-kernel profile of this step on Node WASM (tf.profile, top-level kernels):\n`);
  run('npx', ['tsx', 'bench/profile-step.ts', '--steps', '5', '--config', c.query]);
  // 200 steps (3–5 s at width 16): with 30, PyTorch's 1-thread figure ranged 2,400–4,300 images/s from run to run
  // here; with 200, 2,430–2,760.
  c.torch = python
    ? execFileSync(python, ['bench/pytorch_step.py', '--steps', '200', '--threads', '1,2', ...c.torchArgs], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l))
    : [];
}

if (!argv.includes('--no-browser')) {
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
  for (const c of configs) {
    run('node', ['bench/browser-bench.mjs', '--steps', browserSteps, '--setups', c.browserSetups, '--config', c.query, '--json', join(dir, `browser-${c.key}.json`)]);
  }
}

const f2 = (x) => x.toFixed(2);
const label = { wasm: 'Chromium worker, WASM', 'wasm-1t': 'Chromium worker, WASM not cross-origin isolated', webgl: 'Chromium worker, WebGL 2', webgpu: 'Chromium worker, WebGPU', auto: 'Chromium worker, auto' };
const rows = [];
for (const c of configs) {
  const node = readJson(`node-${c.key}.json`);
  const browser = argv.includes('--no-browser') ? [] : readJson(`browser-${c.key}.json`);
  const cfg = c.key === 'ref' ? 'reference' : 'default';
  for (const r of node) rows.push([cfg, `Node, ${r.backend === 'wasm' ? 'WASM' : 'CPU'} (${r.adapter})`, f2(r.stepsPerSecond), r.imagesPerSecond.toFixed(0), '']);
  for (const r of browser) {
    if (r.failed) rows.push([cfg, label[r.setup] ?? r.setup, 'failed', r.failed, '']);
    else rows.push([cfg, `${label[r.setup] ?? r.setup} (${r.adapter})`, f2(r.stepsPerSecond), r.imagesPerSecond.toFixed(0), `${r.longTasks} (longest ${r.longestTaskMs.toFixed(0)} ms wall, ${r.longestTaskCpuMs.toFixed(0)} ms main-thread CPU; ${r.tasksOver50CpuMs} over 50 ms CPU)`]);
  }
  for (const t of c.torch) rows.push([cfg, `PyTorch ${t.torch}, CPU, ${t.threads} thread${t.threads > 1 ? 's' : ''}`, f2(t.steps_per_s), t.images_per_s.toFixed(0), '']);
  const wasm = node.find((r) => r.backend === 'wasm');
  if (wasm && c.torch.length) {
    const best = Math.max(...c.torch.map((t) => t.images_per_s));
    const browserWasm = browser.find((r) => r.setup === 'wasm' && !r.failed);
    const ratio = `Node ${(wasm.imagesPerSecond / best).toFixed(2)}×` + (browserWasm ? `, Chromium ${(browserWasm.imagesPerSecond / best).toFixed(2)}×` : '');
    rows.push([cfg, '**tfjs WASM / PyTorch (best of 1, 2 threads)**', '', ratio, '']);
  }
}
console.log(`\nREADME table (SimCLR, batch 64, probes off; ${steps} steps in Node, ${browserSteps} in the browser worker; reference = ${REFERENCE.query}, default = ${DEFAULT.query}):\n`);
console.log('| config | setup | steps/s | images/s | main-thread long tasks |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
