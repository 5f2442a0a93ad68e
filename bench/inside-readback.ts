// What the see-inside panels cost per metrics reading, per method, on the default experiment: the
// method's own picture (snapshot: device work, one read-back, host drawing) and the embedding map's
// extra read (backbone features) with the PCA maps and neighbour lists of both spaces (host).
// Bytes are what crosses to the main thread (transferred, not copied).
// Usage: npx tsx bench/inside-readback.ts [--backend wasm] [--repeats 3] [--methods simclr,byol]
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../src/core/backend/select';
import { METHOD_KEYS, type MethodKey } from '../src/core/config/methods';
import { decodeConfig } from '../src/core/config/url';
import { featureSpace } from '../src/core/eval/inside/reading';
import { Trainer } from '../src/core/train/trainer';
import { snapshotTransferables } from '../src/core/train/run';
import { loadDatasetFromDisk } from '../src/runner/loadDatasetFs';
import { prepareNodeBackend } from '../src/runner/nodeBackends';
import type { RunnerBackend } from '../src/runner/args';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const backend = opt('backend', 'wasm') as RunnerBackend;
const repeats = Number(opt('repeats', '3'));
const methods = opt('methods', METHOD_KEYS.join(',')).split(',') as MethodKey[];

await prepareNodeBackend(backend);
const info = await selectBackend(backend);
const dataset = loadDatasetFromDisk('mnist');
const ms = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`See-inside cost per metrics reading, default experiment per method (batch 64, width 16), ${info.name}, median of ${repeats}\n`);
console.log('| method | picture ms | picture read-backs | picture KB | map ms (backbone read + PCA + neighbours, 2 spaces) | map KB | training step ms |');
console.log('|---|---|---|---|---|---|---|');
for (const method of methods) {
  const { config } = decodeConfig(`method=${method}&steps=100&backend=${backend}`);
  const trainer = new Trainer(config, dataset);
  const stepMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    stepMs.push(await ms(async () => {
      await trainer.beforeStep();
      const loss = trainer.step();
      await loss.data();
      loss.dispose();
    }));
  }
  await trainer.collapseMetrics().then((m) => tf.dispose(Object.values(m)));
  const spectrum = trainer.lastSpectrum!;
  const n = trainer.collapseIndices.length;
  let reads = 0;
  const proto = tf.Tensor.prototype as unknown as { data: (...a: unknown[]) => Promise<unknown> };
  const orig = proto.data;
  proto.data = function (this: tf.Tensor, ...a: unknown[]) {
    reads += 1;
    return orig.apply(this, a);
  };
  const pictureMs: number[] = [];
  let bytes = 0;
  for (let r = 0; r < repeats; r++) {
    pictureMs.push(await ms(async () => {
      const s = await trainer.method.snapshot!();
      bytes = snapshotTransferables(s).reduce((t, b) => t + b.byteLength, 0);
    }));
  }
  const pictureReads = reads / repeats;
  proto.data = orig;
  const mapMs: number[] = [];
  let mapBytes = 0;
  for (let r = 0; r < repeats; r++) {
    mapMs.push(await ms(async () => {
      const b = await trainer.backboneRows();
      const spaces = [featureSpace(spectrum.rows, n, trainer.embeddingDim), featureSpace(b.rows, n, b.dim)];
      mapBytes = spaces.reduce((t, s) => t + s.features.byteLength + s.pca.byteLength + s.neighbours.byteLength, 0);
    }));
  }
  console.log(`| ${method} | ${median(pictureMs).toFixed(0)} | ${pictureReads} | ${(bytes / 1024).toFixed(1)} | ${median(mapMs).toFixed(0)} | ${(mapBytes / 1024).toFixed(1)} | ${median(stepMs).toFixed(0)} |`);
  trainer.dispose();
}
