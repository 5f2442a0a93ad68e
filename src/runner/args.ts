import { decodePageLink } from '../core/compare/pageLink';
import type { ExperimentConfig } from '../core/config/schema';

export const RUNNER_BACKENDS = ['wasm', 'cpu', 'webgpu'] as const;
export type RunnerBackend = (typeof RUNNER_BACKENDS)[number];

export interface RunnerArgs {
  /** The experiment (the first, for a comparison link). */
  config: ExperimentConfig;
  /** Every experiment to run: one, or each run of a comparison link. */
  configs: ExperimentConfig[];
  /** The input was a comparison link: --out names a folder that gets run-01.json, run-02.json, … */
  comparison: boolean;
  backend: RunnerBackend;
  out: string | null;
  quiet: boolean;
}

export const USAGE = `Usage: npm run train -- '<share URL or query string>' [--out run.json] [--backend wasm|cpu|webgpu] [--quiet]

Runs the experiment of a share link in Node with the same core as the browser and writes the run
(config, per-step history, final metrics) as JSON. A comparison link runs each of its experiments
in turn and needs --out DIR: one file per run, DIR/run-01.json, run-02.json, … The backend defaults to wasm; --backend webgpu
uses the npm package "webgpu" (Dawn) and needs a Vulkan driver (on a GPU server, the GPU's; on a
machine without one, VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json).`;

/** Parses the command line. Throws an Error whose message is meant for the user. */
export function parseRunnerArgs(argv: string[]): RunnerArgs {
  let input: string | null = null;
  let out: string | null = null;
  let backend: RunnerBackend | null = null;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' || a === '-o') {
      out = argv[++i] ?? null;
      if (!out) throw new Error('--out needs a file name');
    } else if (a.startsWith('--out=')) {
      out = a.slice('--out='.length);
    } else if (a === '--backend' || a.startsWith('--backend=')) {
      const v = a === '--backend' ? argv[++i] : a.slice('--backend='.length);
      if (!(RUNNER_BACKENDS as readonly string[]).includes(v ?? '')) throw new Error(`--backend must be one of ${RUNNER_BACKENDS.join(', ')} (got ${v ?? 'nothing'})`);
      backend = v as RunnerBackend;
    } else if (a === '--quiet' || a === '-q') {
      quiet = true;
    } else if (a === '--help' || a === '-h') {
      throw new Error(USAGE);
    } else if (a.startsWith('-') && a.length > 1 && !a.includes('=')) {
      throw new Error(`unknown option ${a}\n\n${USAGE}`);
    } else if (input === null) {
      input = a;
    } else {
      throw new Error(`only one experiment per run (got a second: ${a})`);
    }
  }
  // No argument: the app's default experiment, like opening the page without parameters. The page's
  // own reader: a comparison link's runs, and hide= accepted (it only concerns the page).
  const link = decodePageLink(input ?? '');
  const comparison = link.runs !== null;
  // The page falls back to defaults and says so; a batch job must not silently run something else.
  if (link.notices.length > 0) throw new Error(`invalid experiment:\n  - ${link.notices.join('\n  - ')}`);
  if (link.runs && link.runs.length === 0) throw new Error('the comparison link holds no runs');
  if (comparison && !out) throw new Error('a comparison link writes one file per run: give --out DIR');
  const configs = link.runs ?? [link.base];
  const config = configs[0];
  if (!backend) {
    backend = config.backend === 'cpu' || config.backend === 'webgpu' ? config.backend : 'wasm';
  }
  return { config, configs, comparison, backend, out, quiet };
}
