import { decodeConfig, encodeConfig } from '../config/url';
import { parseExperimentConfig, type ExperimentConfig } from '../config/schema';
import { addedMethodKnobs } from '../config/addedKnobs';
import { NOT_EXPORTED, carriesAddedKnob, isExported, uncarriedValue } from './exportable';
import { projectReadme } from './readme';

/**
 * The PyTorch export (issue 14): one experiment as a small Python project that trains with `python train.py`
 * or `torchrun`, and writes a run the app imports. Pure: the Python sources come in as text (the CLI reads
 * them from src/core/export/python, the browser bundles them), the files go out as text.
 */

/** The shipped sources by path under src/core/export/python: the shared modules and methods/<key>.py. */
export type PythonSources = Readonly<Record<string, string>>;

/** The modules every export carries besides methods.py (the chosen method's file). */
export const SHARED_MODULES = ['train.py', 'model.py', 'losses.py', 'augment.py', 'data.py', 'evaluate.py', 'distributed.py', 'optim.py'] as const;

/** Modules only some methods need: the tiny ViT (and its patch masks) for the methods on the ViT backbone, DeepCluster's k-means. */
export const METHOD_MODULES: Partial<Record<string, readonly string[]>> = { mae: ['vit.py'], msn: ['vit.py'], deepcluster: ['kmeans.py'] };

/** Every shared module the chosen method's project carries. */
export function modulesFor(method: string): string[] {
  return [...SHARED_MODULES, ...(METHOD_MODULES[method] ?? [])];
}

export type ExportResult = { ok: true; config: ExperimentConfig; files: Record<string, string> } | { ok: false; errors: string[] };

/** Requirements: torch for training; torchvision for its datasets, Pillow for ImageFolder trees (the playground's own .u8 files need only torch). */
export const REQUIREMENTS = [
  '# Tested with torch 1.13.0 (Debian python3-torch, CPU) and Python 3.11.',
  'torch>=1.13',
  'torchvision>=0.14  # MNIST/Fashion-MNIST/CIFAR-10 from torchvision\'s files; not needed for the playground\'s .u8 files',
  'Pillow>=9  # --image-folder trees, read a batch at a time',
  '',
].join('\n');

/** Reasons a config cannot be exported as it is (empty when it can). */
export function exportProblems(config: ExperimentConfig): string[] {
  const problems: string[] = [];
  if (!isExported(config.method)) problems.push(NOT_EXPORTED[config.method] ?? `${config.method} has no PyTorch port`);
  // Knobs added after the export was written (issue 15) that it does not carry (exportable.ts) are ported only
  // at their defaults, which are what the methods did before them; another value would export a cousin of the experiment.
  for (const knob of addedMethodKnobs(config.method)) {
    const value = config.params[knob.name];
    if (carriesAddedKnob(config.method, knob.name)) {
      const v = uncarriedValue(config.method, knob.name, value);
      if (v) problems.push(`${config.method} ${knob.name}=${String(value)} (${v.what}) is not in the PyTorch export yet (it carries ${v.carries})`);
    } else if (value !== knob.default) problems.push(`${config.method} ${knob.name}=${String(value)} is not in the PyTorch export yet (it carries ${knob.name}=${String(knob.default)})`);
  }
  if (config.finetuneSteps > 0) problems.push(`finetuneSteps=${config.finetuneSteps}: the exported train.py evaluates with the linear probe and kNN only (export with finetuneSteps=0)`);
  if (config.evalDataset !== 'same') problems.push(`evalDataset=${config.evalDataset}: the exported train.py evaluates on its training dataset only (export with evalDataset=same)`);
  if ((config.dataset as string) === 'shapes') problems.push('dataset shapes is generated inside the browser: there are no files for train.py to read (export with mnist, fashion-mnist, cifar10 or own images)');
  return problems;
}

/** A share link (or its query) to a project; refuses, with every reason, a link that does not decode cleanly. */
export function exportFromLink(link: string, sources: PythonSources): ExportResult {
  const { config, ignored } = decodeConfig(link);
  const errors = [...ignored.map((i) => `link: ${i}`), ...exportProblems(config)];
  if (errors.length > 0) return { ok: false, errors };
  return exportProject(config, link, sources);
}

/** An experiment (validated again here: it may come from a file or another thread) to the project's files. */
export function exportProject(input: unknown, link: string, sources: PythonSources): ExportResult {
  const parsed = parseExperimentConfig(input);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => `config: ${e}`) };
  const config = parsed.config;
  const problems = exportProblems(config);
  if (problems.length > 0) return { ok: false, errors: problems };
  const modules = modulesFor(config.method);
  const missing = [...modules, `methods/${config.method}.py`].filter((p) => sources[p] === undefined);
  if (missing.length > 0) return { ok: false, errors: missing.map((p) => `the export's Python source ${p} is missing`) };
  const files: Record<string, string> = {};
  for (const m of modules) files[m] = sources[m];
  files['methods.py'] = sources[`methods/${config.method}.py`];
  files['config.json'] = `${JSON.stringify({ source: link || `?${encodeConfig(config)}`, query: encodeConfig(config), config }, null, 2)}\n`;
  files['requirements.txt'] = REQUIREMENTS;
  files['README.md'] = projectReadme(config, link, modules);
  return { ok: true, config, files };
}
