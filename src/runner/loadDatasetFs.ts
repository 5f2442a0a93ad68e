import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASETS, type DatasetKey } from '../core/config/datasets';
import { datasetFromBytes, type ImageDataset } from '../core/data/dataset';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Reads the assets written by scripts/prepare-data.mjs (the same files the app serves). */
export function loadDatasetFromDisk(key: DatasetKey, dataDir = join(repoRoot, 'public', 'data')): ImageDataset {
  const spec = DATASETS[key];
  const images = join(dataDir, `${spec.asset}-images.u8`);
  const labels = join(dataDir, `${spec.asset}-labels.u8`);
  if (!existsSync(images) || !existsSync(labels)) {
    throw new Error(`dataset ${key} is not prepared (${images} missing); run \`npm run prepare-data\``);
  }
  return datasetFromBytes(key, new Uint8Array(readFileSync(images)), new Uint8Array(readFileSync(labels)));
}
