/**
 * Soak: many steps through the app's own run loop in Node, sampling live tensors and the process's
 * resident memory at every metrics reading. Passes when tensors are flat and RSS grows by less
 * than 10% from the end of warm-up (the first 10% of steps: WASM heap growth, XNNPACK caches, JIT)
 * to the end. Prints the figures; a number for the README, not a test.
 * Usage: npx tsx bench/soak.ts [--steps 5000] [--config "method=simclr&batch=16&width=8"] [--backend wasm]
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../src/core/backend/select';
import { decodeConfig } from '../src/core/config/url';
import { runTraining } from '../src/core/train/loop';
import { loadDatasetFromDisk } from '../src/runner/loadDatasetFs';
import { prepareNodeBackend } from '../src/runner/nodeBackends';
import type { RunnerBackend } from '../src/runner/args';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const steps = Number(opt('steps', '5000'));
const backend = opt('backend', 'wasm') as RunnerBackend;
const query = opt('config', 'method=simclr&batch=16&width=8');

await prepareNodeBackend(backend);
const info = await selectBackend(backend);
const { config } = decodeConfig(`${query}&steps=${steps}&probeEvery=0&metricsEvery=50&backend=${backend}`);
const warmUp = Math.max(1, Math.round(steps / 10));
const samples: { step: number; tensors: number; rssMb: number }[] = [];
const started = performance.now();
const run = await runTraining(config, loadDatasetFromDisk(config.dataset), info, {
  onProgress(p) {
    // Progress comes every step, but between readings the loop holds up to metricsEvery loss scalars for
    // their one asynchronous read-back (loop.ts): count tensors where that queue is empty.
    if (p.step % config.metricsEvery !== 0 && p.step !== steps) return;
    samples.push({ step: p.step, tensors: tf.memory().numTensors, rssMb: process.memoryUsage().rss / 2 ** 20 });
    if (p.step % 500 === 0) process.stderr.write(`step ${p.step}: ${JSON.stringify(samples.at(-1))}\n`);
  },
});
const after = samples.filter((s) => s.step >= warmUp);
const first = after[0];
const last = after.at(-1)!;
const tensorsFlat = after.every((s) => s.tensors === first.tensors);
const rssGrowth = (last.rssMb - first.rssMb) / first.rssMb;
console.log(
  `soak ${info.name} (${info.adapter}), ${query}, ${run.outcome} ${steps} steps in ${((performance.now() - started) / 1000).toFixed(0)} s: ` +
    `live tensors ${first.tensors} at step ${first.step} -> ${last.tensors} at step ${last.step} (${tensorsFlat ? 'flat' : 'NOT flat'}), ` +
    `RSS ${first.rssMb.toFixed(0)} MB -> ${last.rssMb.toFixed(0)} MB (${(100 * rssGrowth).toFixed(1)}%, ${rssGrowth < 0.1 ? 'under' : 'OVER'} 10%), ` +
    `peak ${Math.max(...after.map((s) => s.rssMb)).toFixed(0)} MB`,
);
