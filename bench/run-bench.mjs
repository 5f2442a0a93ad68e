// `npm run bench`: Node backends through the runner's code path, the per-kernel profile of one
// WASM step, the same model and step in PyTorch (when python3 with torch is importable) with the
// tfjs-WASM / PyTorch ratio, then browser setups through the built app. Numbers are printed, never
// asserted: speed targets live here, not in tests. Ends with the README's benchmark table.
// Usage: npm run bench [-- --steps 20] [--browser-steps 20] [--no-browser]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const steps = opt('steps', '20');
const browserSteps = opt('browser-steps', steps);
const dir = mkdtempSync(join(tmpdir(), 'ssl-bench-'));
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
const readJson = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

run('npx', ['tsx', 'bench/node-bench.ts', '--steps', steps, '--json', join(dir, 'node.json')]);
console.log('\nPer-kernel profile of the default SimCLR step on Node WASM (tf.profile, top-level kernels):\n');
run('npx', ['tsx', 'bench/profile-step.ts', '--steps', '5']);

// The PyTorch reference: a python3 that can import torch (Debian: python3-torch); $PYTHON first.
const python = [process.env.PYTHON, 'python3', '/usr/bin/python3'].find(
  (p) => p && spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0,
);
let torch = [];
if (python) {
  const out = execFileSync(python, ['bench/pytorch_step.py', '--steps', '30', '--threads', '1,2'], { encoding: 'utf8' });
  torch = out.trim().split('\n').map((l) => JSON.parse(l));
} else {
  console.log('\nPyTorch reference skipped: no python3 with torch importable (Debian: apt-get install python3-torch, or set $PYTHON).');
}

let browser = [];
if (!argv.includes('--no-browser')) {
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
  run('node', ['bench/browser-bench.mjs', '--steps', browserSteps, '--json', join(dir, 'browser.json')]);
  browser = readJson('browser.json');
}

const node = readJson('node.json');
const wasm = node.find((r) => r.backend === 'wasm');
const f2 = (x) => x.toFixed(2);
const rows = [];
for (const r of node) rows.push([`Node, ${r.backend === 'wasm' ? 'WASM' : 'CPU'} (${r.adapter})`, f2(r.stepsPerSecond), r.imagesPerSecond.toFixed(0), '']);
const label = { wasm: 'Chromium worker, WASM', 'wasm-1t': 'Chromium worker, WASM not cross-origin isolated', webgl: 'Chromium worker, WebGL 2', webgpu: 'Chromium worker, WebGPU', auto: 'Chromium worker, auto' };
for (const r of browser) {
  if (r.failed) rows.push([label[r.setup] ?? r.setup, 'failed', r.failed, '']);
  else rows.push([`${label[r.setup] ?? r.setup} (${r.adapter})`, f2(r.stepsPerSecond), r.imagesPerSecond.toFixed(0), `${r.longTasks} (longest ${r.longestTaskMs.toFixed(0)} ms wall, ${r.longestTaskCpuMs.toFixed(0)} ms main-thread CPU; ${r.tasksOver50CpuMs} over 50 ms CPU)`]);
}
for (const t of torch) rows.push([`PyTorch ${t.torch}, CPU, ${t.threads} thread${t.threads > 1 ? 's' : ''}`, f2(t.steps_per_s), t.images_per_s.toFixed(0), '']);
if (wasm && torch.length) {
  const best = Math.max(...torch.map((t) => t.images_per_s));
  const browserWasm = browser.find((r) => r.setup === 'wasm' && !r.failed);
  const ratio = `Node ${(wasm.imagesPerSecond / best).toFixed(2)}×` + (browserWasm ? `, Chromium ${(browserWasm.imagesPerSecond / best).toFixed(2)}×` : '');
  rows.push(['**tfjs WASM / PyTorch (best of 1, 2 threads)**', '', ratio, '']);
}
console.log(`\nREADME table (default SimCLR: batch 64, width 16; ${steps} steps in Node, ${browserSteps} in the browser worker, probes off):\n`);
console.log('| setup | steps/s | images/s | main-thread long tasks |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
