/**
 * Per-kernel profile of a SimCLR training step (issue 10's reference, bench/configs.mjs, unless --config
 * says otherwise) on a Node backend, through the app's own Trainer: `tf.profile` over N steps after a
 * warm-up, kernels summed by name and divided by N. Prints a markdown table (kernel, calls per step,
 * ms per step, share of the kernel time) and the wall time per step.
 * Usage: npx tsx bench/profile-step.ts [--backend wasm] [--steps 5] [--config "method=simclr"]
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../src/core/backend/select';
import { decodeConfig } from '../src/core/config/url';
import { Trainer } from '../src/core/train/trainer';
import { loadDatasetFromDisk } from '../src/runner/loadDatasetFs';
import { prepareNodeBackend } from '../src/runner/nodeBackends';
import type { RunnerBackend } from '../src/runner/args';
import { REFERENCE } from './configs.mjs';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const backend = opt('backend', 'wasm') as RunnerBackend;
const steps = Number(opt('steps', '5'));
const query = opt('config', REFERENCE.query);

await prepareNodeBackend(backend);
const info = await selectBackend(backend);
const { config } = decodeConfig(`${query}&probeEvery=0&backend=${backend}`);
const trainer = new Trainer(config, loadDatasetFromDisk(config.dataset));
for (let i = 0; i < 2; i++) (await trainer.step().data(), undefined); // warm-up: kernel set-up, XNNPACK caches

// Our replacement kernels (kernels/*.ts) run other kernels inside them, and tf.profile records
// those too. Tag each record with the engine's kernel depth at the time it is pushed (the parent's
// depth), so the table counts only top-level kernels and its shares add up to the step.
interface EngineState {
  state: { kernelDepth: number; activeProfile: { kernels: { depth?: number }[] } };
}
const engine = tf.engine() as unknown as EngineState;
const t0 = performance.now();
const profile = await tf.profile(async () => {
  const records = engine.state.activeProfile.kernels;
  const push = records.push.bind(records);
  records.push = (...items) => push(...items.map((k) => Object.assign(k, { depth: engine.state.kernelDepth })));
  for (let i = 0; i < steps; i++) {
    const loss = trainer.step();
    await loss.data();
    loss.dispose();
  }
});
const wallMs = (performance.now() - t0) / steps;

const byKernel = new Map<string, { ms: number; calls: number }>();
const nested = new Map<string, number>();
for (const k of profile.kernels as (typeof profile.kernels[number] & { depth?: number })[]) {
  if ((k.depth ?? 0) > 0) {
    nested.set(k.name, (nested.get(k.name) ?? 0) + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0));
    continue;
  }
  const e = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
  e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
  e.calls += 1;
  byKernel.set(k.name, e);
}
const total = [...byKernel.values()].reduce((s, e) => s + e.ms, 0);
const rows = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
console.log(`${info.name} (${info.adapter}), ${query}, batch ${config.batch}, width ${config.width}: ` +
  `${wallMs.toFixed(1)} ms/step wall (profiled), ${(total / steps).toFixed(1)} kernel-ms/step, ${(1000 * config.batch / wallMs).toFixed(0)} images/s\n`);
console.log('| kernel | calls/step | ms/step | share |');
console.log('|---|---|---|---|');
for (const [name, e] of rows.filter(([, e]) => e.ms / total >= 0.01)) {
  console.log(`| ${name} | ${(e.calls / steps).toFixed(0)} | ${(e.ms / steps).toFixed(1)} | ${((100 * e.ms) / total).toFixed(0)}% |`);
}
const rest = rows.filter(([, e]) => e.ms / total < 0.01);
const restMs = rest.reduce((s, [, e]) => s + e.ms, 0);
const restCalls = rest.reduce((s, [, e]) => s + e.calls, 0);
console.log(`| ${rest.length} others | ${(restCalls / steps).toFixed(0)} | ${(restMs / steps).toFixed(1)} | ${((100 * restMs) / total).toFixed(0)}% |`);
const inner = [...nested.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
console.log(`\ninside the replacement kernels (ms/step): ${inner.map(([n, ms]) => `${n} ${(ms / steps).toFixed(1)}`).join(', ')}`);
