import { loadDataset, type DatasetChoice } from '../core/data/load';
import type { ImageDataset } from '../core/data/dataset';

/** The images a config trains on; asset files are fetched from the app's own origin. */
export function loadDatasetOverHttp(cfg: DatasetChoice, baseUrl: string): Promise<ImageDataset> {
  return loadDataset(cfg, async (file) => {
    const url = new URL(`data/${file}`, baseUrl).href;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Could not load ${url} (HTTP ${res.status}); run \`npm run prepare-data\` and reload.`);
    return new Uint8Array(await res.arrayBuffer());
  });
}
