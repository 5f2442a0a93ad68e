/**
 * GPU efficiency counters for one training step on WebGPU in Node (the npm package "webgpu", Dawn):
 * compute dispatches, queue submits, uniform/data uploads (queue.writeBuffer) and host read-backs
 * (buffer.mapAsync) per step, counted by wrapping Dawn's prototypes, so they are measured, not
 * assumed. Counts do not depend on the device's speed; on a machine without a GPU driver point
 * Vulkan at SwiftShader (slow, but counts are the same):
 *   LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json \
 *   XDG_RUNTIME_DIR=/tmp npx tsx bench/gpu-count.ts
 * Measured (SimCLR, batch 16, width 4, SwiftShader): 322 dispatches, 21.5 submits, 322 uniform
 * uploads (19 KiB) and 0.5 read-backs per step: tfjs-backend-webgpu writes one uniform buffer per
 * dispatch, and every elementwise op is its own dispatch (no fusion in tfjs 4.22).
 * Usage: npx tsx bench/gpu-count.ts [--steps 3] [--config "method=simclr&batch=16&width=4"]
 */
import { selectBackend } from '../src/core/backend/select';
import { decodeConfig } from '../src/core/config/url';
import { Trainer } from '../src/core/train/trainer';
import { loadDatasetFromDisk } from '../src/runner/loadDatasetFs';
import { prepareNodeBackend } from '../src/runner/nodeBackends';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const steps = Number(opt('steps', '3'));
const query = opt('config', 'method=simclr&batch=16&width=4');

await prepareNodeBackend('webgpu');
const counts = { dispatches: 0, submits: 0, uploads: 0, uploadBytes: 0, readBacks: 0 };
type Proto = Record<string, (...a: unknown[]) => unknown>;
const wrap = (cls: string, method: string, count: (a: unknown[]) => void) => {
  const proto = (globalThis as unknown as Record<string, { prototype: Proto }>)[cls].prototype;
  const orig = proto[method];
  proto[method] = function (this: unknown, ...a: unknown[]) {
    count(a);
    return orig.apply(this, a);
  };
};
wrap('GPUComputePassEncoder', 'dispatchWorkgroups', () => counts.dispatches++);
wrap('GPUQueue', 'submit', () => counts.submits++);
wrap('GPUQueue', 'writeBuffer', (a) => {
  counts.uploads++;
  counts.uploadBytes += (a[4] as number | undefined) ?? ((a[2] as ArrayBufferView | ArrayBuffer).byteLength ?? 0);
});
wrap('GPUBuffer', 'mapAsync', () => counts.readBacks++);

const info = await selectBackend('webgpu');
const { config } = decodeConfig(`${query}&probeEvery=0&backend=webgpu`);
const trainer = new Trainer(config, loadDatasetFromDisk(config.dataset));
const warm = trainer.step(); // shader compilation, first uploads of constants
await warm.data();
warm.dispose();
Object.keys(counts).forEach((k) => (counts[k as keyof typeof counts] = 0));
for (let i = 0; i < steps; i++) {
  const loss = trainer.step();
  if (i === steps - 1) await loss.data(); // one read-back at the end, as the run loop reads losses in batches
  loss.dispose();
}
const per = (n: number) => (n / steps).toFixed(1);
console.log(`${info.name} (${info.adapter}), ${query}, per training step over ${steps} steps (the last one read back):`);
console.log(`| dispatches | submits | writeBuffer calls (KiB) | mapAsync read-backs |`);
console.log(`|---|---|---|---|`);
console.log(`| ${per(counts.dispatches)} | ${per(counts.submits)} | ${per(counts.uploads)} (${(counts.uploadBytes / steps / 1024).toFixed(1)}) | ${per(counts.readBacks)} |`);
process.exit(0);
