import { DATASETS, isBuiltInDataset } from '../config/datasets';
import type { ExperimentConfig } from '../config/schema';
import { datasetFromBytes, type ImageDataset } from './dataset';
import { generateShapes } from './shapes';

/** Reads one file of public/data/ (over fetch in the worker, from disk in the runner and tests). */
export type ReadAsset = (file: string) => Promise<Uint8Array>;

export type DatasetChoice = Pick<ExperimentConfig, 'dataset' | 'seed' | 'n' | 'probeTrain' | 'probeTest'>;

/**
 * What identifies the images a config trains on: the dataset key, plus, for generated data, the
 * seed and size it is drawn with. Loaders cache by it.
 */
export function datasetInstanceKey(cfg: DatasetChoice): string {
  return cfg.dataset === 'shapes' ? `shapes:${cfg.seed}:${cfg.n + cfg.probeTrain + cfg.probeTest}` : cfg.dataset;
}

/** The images of a config's dataset: converted assets, or Shapes drawn from the config's seed. */
export async function loadDataset(cfg: DatasetChoice, readAsset: ReadAsset): Promise<ImageDataset> {
  if (!isBuiltInDataset(cfg.dataset)) {
    throw new Error(`dataset ${cfg.dataset} is one a user brings (CIFAR-10 files or own images); it is not among the built-in assets`);
  }
  const spec = DATASETS[cfg.dataset];
  if (cfg.dataset === 'shapes') return generateShapes(cfg.n + cfg.probeTrain + cfg.probeTest, cfg.seed);
  if (!('asset' in spec)) throw new Error(`dataset ${cfg.dataset} has no asset to load`);
  const [pixels, labels] = await Promise.all([readAsset(`${spec.asset}-images.u8`), readAsset(`${spec.asset}-labels.u8`)]);
  return datasetFromBytes(cfg.dataset, pixels, labels);
}

/**
 * The dataset a config evaluates on when it is not the training one (`evalDataset`), as loaders take
 * it: generated Shapes draws just the probe images (n = 0) from the run's seed. Null for `same`.
 */
export function evalDatasetChoice(cfg: Pick<ExperimentConfig, 'evalDataset' | 'seed' | 'probeTrain' | 'probeTest'>): DatasetChoice | null {
  if (cfg.evalDataset === 'same') return null;
  return { dataset: cfg.evalDataset, seed: cfg.seed, n: 0, probeTrain: cfg.probeTrain, probeTest: cfg.probeTest };
}
