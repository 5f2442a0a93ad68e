import { DATASETS, type DatasetKey } from '../core/config/datasets';
import { datasetFromBytes, type ImageDataset } from '../core/data/dataset';

/** Fetches the binary assets written by scripts/prepare-data.mjs from the app's own origin. */
export async function loadDatasetOverHttp(key: DatasetKey, baseUrl: string): Promise<ImageDataset> {
  const spec = DATASETS[key];
  const get = async (file: string) => {
    const url = new URL(`data/${file}`, baseUrl).href;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Could not load ${url} (HTTP ${res.status}); run \`npm run prepare-data\` and reload.`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const [pixels, labels] = await Promise.all([get(`${spec.asset}-images.u8`), get(`${spec.asset}-labels.u8`)]);
  return datasetFromBytes(key, pixels, labels);
}
