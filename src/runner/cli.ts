// Headless runner: `npm run train -- '<share URL>' --out run.json`. Same core as the browser worker.
import { writeFileSync } from 'node:fs';
import { selectBackend } from '../core/backend/select';
import { runTraining } from '../core/train/loop';
import type { Progress } from '../core/train/run';
import { parseRunnerArgs, type RunnerArgs } from './args';
import { loadExperimentDataset } from './loadDatasetFs';
import { prepareNodeBackend } from './nodeBackends';

function fail(message: string, code: number): never {
  process.stderr.write(`train: ${message}\n`);
  process.exit(code);
}

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

async function main(): Promise<void> {
  let args: RunnerArgs;
  try {
    args = parseRunnerArgs(process.argv.slice(2));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e), 2);
  }
  const { config } = args;
  await prepareNodeBackend(args.backend);
  const backend = await selectBackend(args.backend);
  if (backend.name !== args.backend) {
    fail(`backend ${args.backend} could not start: ${backend.fallbacks.map((f) => f.reason).join('; ')}`, 3);
  }
  const dataset = await loadExperimentDataset(config);
  const log = (s: string) => {
    if (!args.quiet) process.stderr.write(s);
  };
  log(`train: ${config.method} on ${config.dataset}, ${config.steps} steps of batch ${config.batch}, backend ${backend.name} (${backend.adapter})\n`);
  let lastLoss = NaN;
  let lastPrinted = 0;
  const run = await runTraining(config, dataset, backend, {
    onHistory(rows) {
      for (const r of rows) if (typeof r.loss === 'number') lastLoss = r.loss;
    },
    onProgress(p: Progress) {
      const now = Date.now();
      if (p.step !== p.totalSteps && now - lastPrinted < 1000) return;
      lastPrinted = now;
      const line = `step ${p.step}/${p.totalSteps}  loss ${lastLoss.toFixed(4)}  ${p.stepsPerSecond.toFixed(2)} steps/s  ETA ${formatEta(p.etaSeconds)}`;
      log(process.stderr.isTTY ? `\r${line}   ` : `${line}\n`);
    },
  });
  if (process.stderr.isTTY) log('\n');
  const f = run.final;
  log(
    `train: ${run.outcome} in ${run.wallSeconds.toFixed(1)} s; loss ${f.loss.toFixed(4)}, probe ${(f.probeAccuracy * 100).toFixed(1)}% ` +
      `(random init ${(f.baselineProbeAccuracy * 100).toFixed(1)}%), kNN ${(f.knnAccuracy * 100).toFixed(1)}%, ` +
      `std ${f.l2NormalizedStd.toFixed(4)} (1/√d = ${(1 / Math.sqrt(f.embeddingDim)).toFixed(4)}), rankMe ${f.rankMe.toFixed(1)}\n`,
  );
  const json = JSON.stringify({ ...run, backend: backend.name, adapter: backend.adapter }, null, 2);
  if (args.out) {
    writeFileSync(args.out, json);
    log(`train: wrote ${args.out}\n`);
  } else {
    process.stdout.write(json + '\n');
  }
  if (run.outcome === 'diverged') fail(run.message ?? 'the loss diverged', 4);
}

main().catch((e) => fail(e instanceof Error ? (e.stack ?? e.message) : String(e), 1));
