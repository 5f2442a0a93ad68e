import { selectBackend } from '../core/backend/select';
import type { ExperimentConfig } from '../core/config/schema';
import type { ImageDataset } from '../core/data/dataset';
import { runTraining } from '../core/train/loop';
import type { BackendInfo, EvaluatedRun, Progress } from '../core/train/run';
import type { RunnerBackend } from './args';
import { datasetInstanceKey, evalDatasetChoice, type DatasetChoice } from '../core/data/load';
import { loadExperimentDataset } from './loadDatasetFs';
import { prepareNodeBackend } from './nodeBackends';

/** What `npm run train` and `npm run sweep` write per run: the record plus the device it ran on. */
export type RunFile = EvaluatedRun & { adapter: string };

/** Starts the asked-for backend once per process; throws a message for the user when it cannot. */
export async function startRunnerBackend(name: RunnerBackend): Promise<BackendInfo> {
  await prepareNodeBackend(name);
  const backend = await selectBackend(name);
  if (backend.name !== name) throw new Error(`backend ${name} could not start: ${backend.fallbacks.map((f) => f.reason).join('; ')}`);
  return backend;
}

export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const datasets = new Map<string, ImageDataset>();

/** Keyed as the worker keys them: generated Shapes differ per seed and size. */
async function cachedDataset(choice: DatasetChoice): Promise<ImageDataset> {
  const key = datasetInstanceKey(choice);
  let dataset = datasets.get(key);
  if (!dataset) {
    dataset = await loadExperimentDataset(choice);
    datasets.set(key, dataset);
  }
  return dataset;
}

/**
 * Trains one experiment with the browser's core. `onStepLine` gets a progress line at most once a
 * second (the train command prints them; a sweep prints one line per run instead).
 */
export async function trainOne(config: ExperimentConfig, backend: BackendInfo, onStepLine?: (line: string, last: boolean) => void): Promise<RunFile> {
  const dataset = await cachedDataset(config);
  const evalChoice = evalDatasetChoice(config);
  const evalDataset = evalChoice ? await cachedDataset(evalChoice) : undefined;
  let lastLoss = NaN;
  let lastPrinted = 0;
  const run = await runTraining(config, dataset, backend, {
    onHistory(rows) {
      for (const r of rows) if (typeof r.loss === 'number') lastLoss = r.loss;
    },
    onProgress(p: Progress) {
      if (!onStepLine) return;
      const now = Date.now();
      const last = p.step === p.totalSteps;
      if (!last && now - lastPrinted < 1000) return;
      lastPrinted = now;
      onStepLine(`step ${p.step}/${p.totalSteps}  loss ${lastLoss.toFixed(4)}  ${p.stepsPerSecond.toFixed(2)} steps/s  ETA ${formatEta(p.etaSeconds)}`, last);
    },
  }, undefined, { evalDataset });
  return { ...run, backend: backend.name, adapter: backend.adapter };
}

/** The final numbers of a run in one line. */
export function finalLine(run: EvaluatedRun): string {
  const f = run.final;
  return (
    `${run.outcome} in ${run.wallSeconds.toFixed(1)} s; loss ${f.loss.toFixed(4)}, probe ${(f.probeAccuracy * 100).toFixed(1)}% ` +
    `(random init ${(f.baselineProbeAccuracy * 100).toFixed(1)}%), kNN ${(f.knnAccuracy * 100).toFixed(1)}%, ` +
    `std ${f.l2NormalizedStd.toFixed(4)} (1/√d = ${(1 / Math.sqrt(f.embeddingDim)).toFixed(4)}), rankMe ${f.rankMe.toFixed(1)}`
  );
}
