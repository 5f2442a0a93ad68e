import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASETS, isBuiltInDataset, type DatasetKey } from '../core/config/datasets';
import { datasetFromBytes, type ImageDataset } from '../core/data/dataset';
import { loadDataset, type DatasetChoice } from '../core/data/load';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA_DIR = join(repoRoot, 'public', 'data');

function readAssetSync(file: string, dataDir: string): Uint8Array {
  const path = join(dataDir, file);
  if (!existsSync(path)) throw new Error(`dataset asset ${path} is missing; run \`npm run prepare-data\``);
  return new Uint8Array(readFileSync(path));
}

/** Reads the assets written by scripts/prepare-data.mjs (the same files the app serves). */
export function loadDatasetFromDisk(key: DatasetKey, dataDir = DATA_DIR): ImageDataset {
  if (!isBuiltInDataset(key)) throw new Error(`dataset ${key} is one a user brings (it lives in a browser's IndexedDB), not a prepared asset`);
  const spec = DATASETS[key];
  if (!('asset' in spec)) throw new Error(`dataset ${key} is generated, not read from disk (use loadExperimentDataset)`);
  return datasetFromBytes(key, readAssetSync(`${spec.asset}-images.u8`, dataDir), readAssetSync(`${spec.asset}-labels.u8`, dataDir));
}

/** The images a config trains on, as the worker gets them, from public/data/ on disk. */
export function loadExperimentDataset(cfg: DatasetChoice, dataDir = DATA_DIR): Promise<ImageDataset> {
  return loadDataset(cfg, async (file) => readAssetSync(file, dataDir));
}
