import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readPythonSources } from '../../../scripts/export-sources';
import { loadDatasetFromDisk } from '../../runner/loadDatasetFs';
import { registerMissingKernels } from '../backend/kernels';
import { tinyConfig } from '../methods/testing';
import type { ParamSet } from '../nets/params';
import { Trainer } from '../train/trainer';
import { exportProject, modulesFor } from './emit';
import { mocoRecipe } from '../config/methods/moco';
import { createVitEncoder } from '../nets/vit';
import { pattern } from '../nets/vit/testUtil';
import { EXPORTED_METHODS } from './exportable';
import { findTorchPython } from './python';
import { encodeTensorFile, type NamedTensor } from './tensorFile';
import { paramSetTensors } from './paramTensors';

/**
 * Step-1 parity (issue 14): the browser's core (tfjs, CPU backend) and the exported PyTorch project, on the
 * same initial weights and the same augmented first batch, give the same step-1 loss to 1e-4. The views are
 * handed over because the two sides draw random numbers from different generators; everything after them
 * (encoder, BatchNorm, heads, gathers, loss) is each side's own code.
 */

// What the method made of the first batch, recorded as it is made (the views are disposed inside the step).
const recorded = vi.hoisted(() => ({ views: null as Float32Array[] | null, shapes: [] as number[][], queue: null as { tensor: tf.Tensor } | null, corners: null as Int32Array | null, augmented: null as tf.Tensor | null, firstAugmented: null as { values: Float32Array; shape: number[] } | null, stepping: false, batch: 0, extra: [] as { values: ArrayLike<number>; shape: number[] }[] }));
function record(views: (tf.Tensor | { values: ArrayLike<number>; shape: number[] })[]) {
  if (recorded.views) return;
  recorded.views = views.map((v) => Float32Array.from(v instanceof tf.Tensor ? v.dataSync() : v.values));
  recorded.shapes = views.map((v) => [...v.shape]);
}
vi.mock('../methods/shared/views', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../methods/shared/views')>();
  return { ...mod, twoViews: (...args: Parameters<typeof mod.twoViews>) => { const v = mod.twoViews(...args); record(v); return v; } };
});
vi.mock('../augment/multiCrop', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../augment/multiCrop')>();
  return { ...mod, multiCrop: (...args: Parameters<typeof mod.multiCrop>) => { const v = mod.multiCrop(...args); record([...v.global, ...v.small]); return v; } };
});
// Rotation turns its (plain or augmented) batch itself: its view is what the first, 0-degree turn is given.
// MAE augments its batch, then draws the batch's patch masks: its views are the image, then the mask. MSN's
// are its two views, then its masks and focal crops in the order drawn. Masks are the step's views only once
// the trainer is built (the fixed metric images' are drawn before).
vi.mock('../augment', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../augment')>();
  return {
    ...mod,
    rotate90: (...args: Parameters<typeof mod.rotate90>) => { if (args[1] === 0) record([args[0]]); return mod.rotate90(...args); },
    // Small crops beside a method's own two views (SimCLR's multi-crop): after those views.
    smallCrops: (...args: Parameters<typeof mod.smallCrops>) => {
      const crops = mod.smallCrops(...args);
      if (recorded.stepping) recorded.extra.push(...crops.map((c) => ({ values: c.dataSync(), shape: [...c.shape] })));
      return crops;
    },
    augmentBatch: (...args: Parameters<typeof mod.augmentBatch>) => {
      recorded.augmented = mod.augmentBatch(...args);
      // DeepCluster's one view: the step's first augmented batch (taken only when no other view was recorded).
      if (recorded.stepping && !recorded.firstAugmented) recorded.firstAugmented = { values: Float32Array.from(recorded.augmented.dataSync()), shape: [...recorded.augmented.shape] };
      return recorded.augmented;
    },
    samplePatchMasks: (...args: Parameters<typeof mod.samplePatchMasks>) => {
      const masks = mod.samplePatchMasks(...args);
      if (recorded.stepping) {
        if (!recorded.views && recorded.augmented) record([recorded.augmented]);
        // The visible patches (B x K; MSN's focal crops' B x V x K): the hidden ones are the rest.
        recorded.extra.push(batchMajor(masks.visible, [masks.batch / recorded.batch, recorded.batch, masks.visibleCount], masks.batch === recorded.batch));
      }
      return masks;
    },
  };
});
/** A view-major (V x B x ...) array as batch-major (B x V x ...), the layout the exported MSN takes its focal views in. */
function batchMajor(values: ArrayLike<number>, shape: number[], dropViews = false) {
  const [v, b] = shape;
  if (dropViews) return { values, shape: [b, ...shape.slice(2)] };
  const per = shape.slice(2).reduce((x, y) => x * y, 1);
  const out = new Float32Array(values.length);
  for (let i = 0; i < v; i++) for (let j = 0; j < b; j++) out.set(Array.from(values).slice((i * b + j) * per, (i * b + j + 1) * per), (j * v + i) * per);
  return { values: out, shape: [b, v, ...shape.slice(2)] };
}
vi.mock('../methods/msn/focal', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../methods/msn/focal')>();
  return {
    ...mod,
    focalViews: (...args: Parameters<typeof mod.focalViews>) => {
      const crops = mod.focalViews(...args);
      const [n, h, w, c] = crops.shape;
      recorded.extra.push(batchMajor(crops.dataSync(), [args[1], n / args[1], h, w, c]));
      return crops;
    },
  };
});
// Jigsaw's puzzles: the images, each one's permutation index and its cells' jittered corners (B x 9 x 2).
vi.mock('../augment/patches', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../augment/patches')>();
  return { ...mod, jitteredCorners: (...args: Parameters<typeof mod.jitteredCorners>) => (recorded.corners = mod.jitteredCorners(...args)) };
});
vi.mock('../methods/jigsaw/batch', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../methods/jigsaw/batch')>();
  return {
    ...mod,
    jigsawBatch: (...args: Parameters<typeof mod.jigsawBatch>) => {
      const puzzle = mod.jigsawBatch(...args);
      const b = args[0].shape[0];
      record([args[0], { values: puzzle.labelValues, shape: [b] }, { values: recorded.corners!, shape: [b, 9, 2] }]);
      return puzzle;
    },
  };
});
// Context prediction's patches: the images and their cells' jittered corners.
vi.mock('../methods/context/batch', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../methods/context/batch')>();
  return {
    ...mod,
    contextBatch: (...args: Parameters<typeof mod.contextBatch>) => {
      const batch = mod.contextBatch(...args);
      record([args[0], { values: recorded.corners!, shape: [args[0].shape[0], 9, 2] }]);
      return batch;
    },
  };
});
vi.mock('../methods/moco/queue', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../methods/moco/queue')>();
  class RecordedQueue extends mod.KeyQueue {
    constructor(...args: ConstructorParameters<typeof mod.KeyQueue>) {
      super(...args);
      recorded.queue = this;
    }
  }
  return { ...mod, KeyQueue: RecordedQueue };
});

const torch = findTorchPython();
const dataDir = join(dirname(new URL(import.meta.url).pathname), '..', '..', '..', 'public', 'data');
const TOLERANCE = 1e-4;
const table: string[] = [];
/** Every exported method at its defaults, and the variants whose code paths the defaults leave out. */
const CASES: [string, string][] = [...EXPORTED_METHODS.map((m): [string, string] => [m, `method=${m}`]), ['mae (grid masks, raw pixels)', 'method=mae&maskType=grid&normPixels=false'],
  ['msn (no focal views)', 'method=msn&focalViews=0'],
  // The defaults hide an 8-px square at random places (format v6); the paper's central 14-px square is the other path.
  ['inpainting (central 14-px hole, overlap ring, adversarial)', 'method=inpainting&region=center&holeSize=14&holeOverlap=2&advWeight=0.1'],
  ['deepcluster (k=10, 8 PCA dims)', 'method=deepcluster&k=10&pcaDim=8'],
  ['deepcluster (no PCA)', 'method=deepcluster&pcaDim=0'],
  // MoCo v2's ablation (Chen et al. 2020, Table 1), one part at a time on v1: (a) the MLP head, (b) aug+ (blur).
  ['moco v1 + mlp head (Table 1 a)', 'method=moco&mocoVersion=v1&mocoHead=mlp'],
  ['moco v1 + aug+ (Table 1 b)', 'method=moco&mocoVersion=v1&mocoAug=augplus'],
  ['moco v2 + linear head', 'method=moco&mocoVersion=v2&mocoHead=linear'],
  // The ViT's [CLS] feature: MAE's encoder and decoder carry the token; MSN's anchors and targets are its output.
  ['mae (pool=cls)', 'method=mae&pool=cls'],
  ['msn (pool=cls)', 'method=msn&pool=cls'],
  // BYOL's head normalisation (Richemond et al. 2020): none, one head only, GroupNorm + weight standardisation.
  ['byol (headNorm=none)', 'method=byol&headNorm=none'],
  ['byol (headNorm=predictor-bn)', 'method=byol&headNorm=predictor-bn'],
  // 24 hidden units: gcd(24, 16) = 8 groups of 3 (at a width of 16 every group would be one unit, normalised to β).
  ['byol (headNorm=gn-ws, 8 groups of 3)', 'method=byol&headNorm=gn-ws&projHidden=24'],
  // Multi-crop for SimCLR (SwAV paper, Table 4): two small 10 px crops beside the two views.
  ['simclr (2 small crops)', 'method=simclr&smallCrops=2&smallSize=10'],
  ['barlowtwins (2 small crops)', 'method=barlowtwins&smallCrops=2&smallSize=10'],
  ['vicreg (2 small crops)', 'method=vicreg&smallCrops=2&smallSize=10'],
  ['byol (2 small crops)', 'method=byol&smallCrops=2&smallSize=10'],
  ['byol (2 small crops, no EMA, no predictor)', 'method=byol&smallCrops=2&smallSize=10&ema=false&predictor=false'],
  ['deepcluster (k=10, 2 small crops)', 'method=deepcluster&k=10&pcaDim=8&smallCrops=2&smallSize=10'],
];
/** Methods that train on the sampler's batch as it is (no augmentation): the exported project draws the same batch itself. */
const PLAIN_BATCH = new Set(['inpainting']);

function writeTensors(path: string, tensors: NamedTensor[]) {
  const { manifest, bin } = encodeTensorFile(tensors);
  writeFileSync(`${path}.json`, manifest);
  writeFileSync(`${path}.bin`, bin);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels('cpu');
});

describe.skipIf(!torch.python)(`step-1 loss: browser core vs exported PyTorch (${torch.reason})`, () => {
  it.each(CASES)('%s', async (label, query) => {
    recorded.views = null;
    recorded.queue = null;
    recorded.augmented = null;
    recorded.stepping = false;
    recorded.extra = [];
    recorded.firstAugmented = null;
    const config = tinyConfig(`${query}&seed=3&steps=1`);
    const method = config.method;
    const trainer = new Trainer(config, loadDatasetFromDisk('mnist', dataDir));
    const dir = mkdtempSync(join(tmpdir(), `parity-${method}-`));
    // The method's work before step 1 (DeepCluster clusters and draws its classifier): the weights are what step 1 starts from.
    await trainer.beforeStep();
    // Inpainting's discriminator is the method's own (not among the trainer's heads).
    const discriminator = (trainer.method as { discriminator?: { params: ParamSet } | null }).discriminator;
    const initial = paramSetTensors([trainer.encoder.params, ...trainer.method.heads, ...(discriminator ? [discriminator.params] : [])]);
    recorded.augmented = null;
    recorded.stepping = true;
    recorded.batch = config.batch;
    const queue = recorded.queue as { tensor: tf.Tensor } | null;
    if (queue) initial.push({ name: 'queue/keys', shape: [...queue.tensor.shape], values: Float32Array.from(queue.tensor.dataSync()) });
    writeTensors(join(dir, 'weights'), initial);
    const loss = trainer.step();
    if (!recorded.views && recorded.firstAugmented) record([recorded.firstAugmented]);
    const browser = loss.dataSync()[0];
    loss.dispose();
    trainer.dispose();
    const plain = PLAIN_BATCH.has(method);
    if (!plain) {
      expect(recorded.views, 'the method made its views through twoViews, multiCrop, rotate90, jigsawBatch or contextBatch').not.toBeNull();
      const views = [...recorded.views!.map((values, i) => ({ values, shape: recorded.shapes[i] })), ...recorded.extra];
      writeTensors(join(dir, 'views'), views.map((v, i) => ({ name: `view${i}`, shape: v.shape, values: Float32Array.from(v.values) })));
    }

    const exported = exportProject(config, '', readPythonSources());
    if (!exported.ok) throw new Error(exported.errors.join('; '));
    for (const [name, text] of Object.entries(exported.files)) writeFileSync(join(dir, name), text);
    const run = spawnSync(torch.python!, ['train.py', '--data', dataDir, '--steps', '1', '--no-eval', '--threads', '1', '--init-from', 'weights.json', ...(plain ? [] : ['--first-views', 'views.json']), '--out', 'run.json'], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const pytorch = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).history[0].loss as number;
    const delta = Math.abs(pytorch - browser);
    table.push(`| ${label} | ${browser.toFixed(6)} | ${pytorch.toFixed(6)} | ${delta.toExponential(1)} |`);
    console.log(`parity ${label}: tfjs ${browser} torch ${pytorch} |Δ| ${delta}`);
    expect(Number.isFinite(browser)).toBe(true);
    expect(delta).toBeLessThan(TOLERANCE);
  });

  // The parts step 1 cannot show (the views are handed over; the schedule starts at the base rate): the exported
  // recipe picks MoCo's head, blur and schedule as the app's mocoRecipe does, for every combination of the knobs.
  it('moco: the exported recipe follows mocoVersion, mocoHead, mocoAug and mocoSchedule as the app does', () => {
    const combos = (['v1', 'v2'] as const).flatMap((mocoVersion) => (['version', 'linear', 'mlp'] as const).flatMap((mocoHead) => (['version', 'v1', 'augplus'] as const).flatMap((mocoAug) => (['version', 'steps', 'cosine'] as const).map((mocoSchedule) => ({ mocoVersion, mocoHead, mocoAug, mocoSchedule })))));
    const dir = mkdtempSync(join(tmpdir(), 'moco-recipe-'));
    writeFileSync(join(dir, 'combos.json'), JSON.stringify(combos));
    const sources = readPythonSources();
    for (const m of [...modulesFor('moco'), 'methods/moco.py']) writeFileSync(join(dir, m.replace('methods/', '')), sources[m]);
    const script = 'import json, moco; print(json.dumps([moco.recipe(k) for k in json.load(open("combos.json"))]))';
    const run = spawnSync(torch.python!, ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(combos.map((k) => mocoRecipe(k)));
    expect(combos).toHaveLength(54);
  });

  // The probe's and kNN's features (evaluate.py calls the encoder): the ViT's [CLS] output as the app's.
  it('vit pool=cls: the exported encoder\'s features of a fixed batch equal the app\'s', () => {
    const vit = createVitEncoder({ channels: 1, height: 28, width: 28, patchSize: 7, dim: 8, depth: 2, heads: 2, seed: 5, pool: 'cls' });
    const images = pattern([3, 28, 28, 1]);
    const features = vit.apply(images as tf.Tensor4D);
    const dir = mkdtempSync(join(tmpdir(), 'vit-cls-'));
    writeTensors(join(dir, 'weights'), [...paramSetTensors([vit.params]), { name: 'images', shape: [3, 28, 28, 1], values: Float32Array.from(images.dataSync()) }]);
    const sources = readPythonSources();
    for (const m of modulesFor('mae')) writeFileSync(join(dir, m), sources[m]);
    const script = [
      'import json, torch, vit, model',
      't = model.read_tensors("weights.json")',
      'e = vit.VitEncoder(1, 28, 28, 7, 8, 2, 2, "cls")',
      'used = vit.load_vit(e, t)',
      'assert used == set(t) - {"images"}, sorted(set(t) - used)',
      'print(json.dumps(e(t["images"].permute(0, 3, 1, 2)).tolist()))',
    ].join('\n');
    const run = spawnSync(torch.python!, ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const exported = (JSON.parse(run.stdout) as number[][]).flat();
    const app = Array.from(features.dataSync());
    expect(exported).toHaveLength(3 * 8);
    expect(Math.max(...app.map((v, i) => Math.abs(v - exported[i])))).toBeLessThan(TOLERANCE);
    // The [CLS] output, not the mean of the patch outputs (which would differ).
    const mean = Array.from(tf.tidy(() => tf.mean(vit.encodeTokens(vit.embedPatches(images as tf.Tensor4D)), 1)).dataSync());
    expect(Math.max(...mean.map((v, i) => Math.abs(v - exported[i])))).toBeGreaterThan(1e-3);
    tf.dispose([images, features]);
    vit.params.dispose();
  });

  it('prints the parity table', () => {
    console.log(['| method | tfjs (browser core) step-1 loss | exported PyTorch step-1 loss | abs diff |', '|---|---|---|---|', ...table].join('\n'));
    expect(table).toHaveLength(CASES.length);
  });
});
