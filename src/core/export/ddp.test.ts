import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../config/schema';
import { exportToTempDir } from './projectDir';
import { findTorchPython } from './python';

/**
 * The exported project under torchrun (issue 14): 2 processes on the CPU (gloo) compute what one process
 * computes on the same global batch — BatchNorm over the global batch, gathered negatives (SimCLR), gathered
 * keys and one queue (MoCo), Sinkhorn over the gathered scores (SwAV, with its queue on) — and a run stopped and
 * resumed from its checkpoint continues as if never stopped (MoCo).
 *
 * Those are the issue's cases, run by default. Each torchrun case costs ~30-60 s of CPU on this 2-core machine, so
 * the other methods' cases run only with EXPORT_DDP_ALL=1 (`EXPORT_DDP_ALL=1 npx vitest run
 * src/core/export/ddp.test.ts`): DINO's centre from the gathered teacher logits (and its temperature warm-up),
 * jigsaw's puzzles, context's patches and MAE's masks drawn for the global batch, MAE's loss over the hidden
 * patches of the global batch, MSN's cross-entropy and ME-MAX over the gathered anchors, inpainting's holes and
 * discriminator on the global batch, DeepCluster's clustering of the gathered features; and the resume of
 * inpainting (its discriminator and its Adam) and DeepCluster (its clustering).
 */
const torch = findTorchPython();
const dataDir = join(dirname(new URL(import.meta.url).pathname), '..', '..', '..', 'public', 'data');
const TINY = 'batch=16&n=128&width=4&probeTrain=40&probeTest=40&metricsEvery=1&probeEvery=0&steps=5';
/** Float32 rounding differs between one process and two (other summation orders in the gathers and BatchNorm); measured ≤ 5e-7 over 5 steps (DINO: 1.4e-6). */
const DDP_TOLERANCE = 1e-5;
const ALL = process.env.EXPORT_DDP_ALL === '1';

interface RunFile {
  config: unknown;
  history: { step: number; loss: number }[];
  final: Record<string, number>;
  ranOn: { worldSize: number; host: string };
}

function train(dir: string, args: string[], processes = 1): RunFile | null {
  const script = ['train.py', '--data', dataDir, '--threads', '1', ...args];
  // --redirects/--tee 1: torch 1.13's torchrun cannot parse their default "0" on Python 3.11 (IntFlag iteration skips 0).
  const command = processes === 1 ? script : ['-m', 'torch.distributed.run', '--standalone', `--nproc_per_node=${processes}`, '--redirects', '1', '--tee', '1', ...script];
  const r = spawnSync(torch.python!, command, { cwd: dir, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' }, timeout: 300_000 });
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  const out = args[args.indexOf('--out') + 1];
  return args.includes('--stop-after') ? null : (JSON.parse(readFileSync(join(dir, out), 'utf8')) as RunFile);
}

/** Exports the link, trains it on 1 and on 2 processes, and compares the two runs' losses step by step. */
function matchesOneProcess(method: string, query: string) {
  const dir = exportToTempDir(`?${query}&${TINY}`, method);
  const single = train(dir, ['--out', 'single.json'])!;
  const ddp = train(dir, ['--out', 'ddp.json'], 2)!;
  expect(ddp.ranOn.worldSize).toBe(2);
  expect(single.ranOn.worldSize).toBe(1);
  expect(ddp.history.map((r) => r.step)).toEqual([1, 2, 3, 4, 5]);
  // One run file, valid for the app's config schema.
  expect(parseExperimentConfig(ddp.config).ok).toBe(true);
  const deltas = ddp.history.map((r, i) => Math.abs(r.loss - single.history[i].loss));
  console.log(`${method}: 1 process ${single.history.map((r) => r.loss.toFixed(6)).join(' ')}; 2 processes max |Δ| ${Math.max(...deltas).toExponential(1)}`);
  expect(Math.max(...deltas)).toBeLessThan(DDP_TOLERANCE);
  // The losses move: five identical numbers would make the comparison vacuous.
  expect(new Set(single.history.map((r) => r.loss.toFixed(5))).size).toBeGreaterThan(3);
}

/** Stops a run after step 3, resumes it from its checkpoint, and compares it with the run never stopped. */
function resumesExactly(label: string, query: string) {
  const dir = exportToTempDir(`?${query}&${TINY}`, `resume-${label}`);
  const whole = train(dir, ['--out', 'whole.json'])!;
  train(dir, ['--out', 'resumed.json', '--checkpoint', 'ck.pt', '--stop-after', '3']);
  const resumed = train(dir, ['--out', 'resumed.json', '--checkpoint', 'ck.pt', '--resume'])!;
  expect(resumed.history.map((r) => r.loss)).toEqual(whole.history.map((r) => r.loss));
  expect(resumed.final.probeAccuracy).toBe(whole.final.probeAccuracy);
}

describe.skipIf(!torch.python)(`exported project under torchrun (${torch.reason})`, () => {
  it.each([
    // lr 0.001, not SimCLR's default 0.003: the larger steps grow the float32 rounding to 1.9e-5 by step 5.
    ['simclr', 'method=simclr&lr=0.001'],
    ['moco', 'method=moco&queueSize=64'],
    ['swav', 'method=swav&queueLength=32&queueStart=1'],
  ])('%s: 2 processes (gloo) match one process on the same global batch', matchesOneProcess);

  it('a run stopped after step 3 and resumed from its checkpoint reproduces the uninterrupted run (MoCo: queue, key encoder, cosine lr)', () => {
    resumesExactly('moco', 'method=moco&queueSize=64');
  });
});

describe.skipIf(!torch.python || !ALL)(`every other method under torchrun (EXPORT_DDP_ALL=1; ${torch.reason})`, () => {
  it.each([
    ['dino', 'method=dino&smallCrops=2&teacherTempStart=0.02&teacherTempWarmup=4'],
    ['jigsaw', 'method=jigsaw'],
    ['context', 'method=context'],
    ['mae', 'method=mae'],
    ['mae (block masks, raw pixels)', 'method=mae&maskType=block&normPixels=false'],
    // MSN with SGD: under its default AdamW, step 1 agrees to 5e-7 but Adam's normalisation turns float32 rounding
    // in near-zero gradients into whole steps (measured 1.5e-4 by step 4; SGD: 1.4e-6).
    ['msn', 'method=msn&optimizer=sgd'],
    ['inpainting (random holes, ring, adversarial)', 'method=inpainting&region=random&holeOverlap=2&advWeight=0.1'],
    ['deepcluster (re-clusters at step 3)', 'method=deepcluster&k=10&pcaDim=8&clusterEvery=2'],
    // Knobs added after the export and carried by it: per-crop gathers, GroupNorm beside SyncBatchNorm, the [CLS] token.
    ['simclr (2 small crops)', 'method=simclr&smallCrops=2&smallSize=10'],
    ['byol (2 small crops)', 'method=byol&smallCrops=2&smallSize=10'],
    // VICReg for the symmetric losses' multi-crop: Barlow Twins' loss of ~250 sits where a float32 step is 1.5e-5,
    // above this absolute tolerance (measured 3.1e-5, 1.2e-7 relative).
    ['vicreg (2 small crops)', 'method=vicreg&smallCrops=2&smallSize=10'],
    ['deepcluster (2 small crops)', 'method=deepcluster&k=10&pcaDim=8&smallCrops=2&smallSize=10'],
    ['byol (headNorm=gn-ws)', 'method=byol&headNorm=gn-ws&projHidden=24'],
    ['mae (pool=cls)', 'method=mae&pool=cls'],
  ])('%s: 2 processes (gloo) match one process on the same global batch', matchesOneProcess);

  it.each([
    ['inpainting (the discriminator and its Adam)', 'method=inpainting&advWeight=0.1'],
    ['deepcluster (the clustering; re-clusters at step 5)', 'method=deepcluster&k=10&pcaDim=8&clusterEvery=4'],
  ])('%s: stopped after step 3 and resumed, reproduces the uninterrupted run', resumesExactly);
});
