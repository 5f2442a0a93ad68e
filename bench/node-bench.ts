// Node throughput benchmark: a SimCLR config (bench/configs.mjs; --config) for a fixed number of steps on
// each Node backend, through the same run loop as the app. Counts every device→host read by wrapping the
// tensor read methods, so "read-backs per step" is measured, not assumed.
// Usage: npx tsx bench/node-bench.ts [--steps 20] [--backends wasm,cpu] [--config 'method=simclr'] [--json out.json]
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../src/core/backend/select';
import { decodeConfig } from '../src/core/config/url';
import { runTraining } from '../src/core/train/loop';
import { loadDatasetFromDisk } from '../src/runner/loadDatasetFs';
import { prepareNodeBackend } from '../src/runner/nodeBackends';
import type { RunnerBackend } from '../src/runner/args';
import { REFERENCE } from './configs.mjs';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const steps = Number(opt('steps', '20'));
const backends = opt('backends', 'wasm,cpu').split(',') as RunnerBackend[];
const query = opt('config', REFERENCE.query);

let reads = 0;
const proto = tf.Tensor.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
for (const m of ['data', 'dataSync', 'array', 'arraySync', 'bytes', 'buffer', 'bufferSync']) {
  const orig = proto[m];
  proto[m] = function (this: unknown, ...a: unknown[]) {
    reads += 1;
    return orig.apply(this, a);
  };
}

const dataset = loadDatasetFromDisk('mnist');
const rows: string[] = [];
const results: { backend: string; adapter: string; stepsPerSecond: number; imagesPerSecond: number; readsPerStep: number }[] = [];
for (const name of backends) {
  await prepareNodeBackend(name);
  const info = await selectBackend(name);
  if (info.name !== name) {
    rows.push(`| node ${name} | unavailable: ${info.fallbacks.map((f) => f.reason).join('; ')} | | | |`);
    continue;
  }
  // Probes off so only steps are timed; metrics at the default cadence.
  const { config } = decodeConfig(`${query}&steps=${steps}&probeEvery=0&backend=${name}`);
  reads = 0;
  const run = await runTraining(config, dataset, info);
  const perStep = (run.hostReads / steps).toFixed(2);
  results.push({ backend: name, adapter: info.adapter, stepsPerSecond: run.stepsPerSecond, imagesPerSecond: run.stepsPerSecond * config.batch, readsPerStep: run.hostReads / steps });
  rows.push(
    `| node ${name} (${info.adapter}) | ${run.stepsPerSecond.toFixed(2)} | ${(run.stepsPerSecond * config.batch).toFixed(0)} | ${perStep} (wrapped reads: ${reads}) | ${tf.memory().numTensors} |`,
  );
  process.stderr.write(`${rows[rows.length - 1]}\n`);
}
console.log(`${query} (batch ${64}), ${steps} steps, probes off\n`);
console.log('| backend | steps/s | images/s | host read-backs per step | live tensors after |');
console.log('|---|---|---|---|---|');
rows.forEach((r) => console.log(r));
const jsonPath = opt('json', '');
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(results));
