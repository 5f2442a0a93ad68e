import type { ExperimentConfig } from '../../core/config/schema';
import { exportProject, type PythonSources } from '../../core/export/emit';
import { zipFiles } from '../../core/export/zip';

/** The export's Python sources, fetched with the click that needs them (they are not in the main bundle). */
const loaders = import.meta.glob<string>('../../core/export/python/**/*.py', { query: '?raw', import: 'default' });
const PREFIX = '../../core/export/python/';

async function pythonSources(): Promise<PythonSources> {
  const entries = await Promise.all(Object.entries(loaders).map(async ([path, load]) => [path.slice(PREFIX.length), await load()] as const));
  return Object.fromEntries(entries);
}

/** The current experiment as a PyTorch project zip; the reasons when it cannot be exported. */
export async function exportPytorchZip(config: ExperimentConfig, link: string): Promise<{ ok: true; name: string; zip: Uint8Array } | { ok: false; errors: string[] }> {
  const result = exportProject(config, link, await pythonSources());
  if (!result.ok) return result;
  const folder = `ssl-playground-${config.method}-seed${config.seed}`;
  const files = Object.fromEntries(Object.entries(result.files).map(([name, text]) => [`${folder}/${name}`, text]));
  return { ok: true, name: `${folder}.zip`, zip: zipFiles(files) };
}
