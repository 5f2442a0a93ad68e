import type { MethodKey } from './methods';

/**
 * What each method reached at its defaults, as `npm run findings` recorded it (docs/findings/defaults,
 * docs/FINDINGS.md; `npx tsx scripts/measured-table.ts` writes the table from those files, and a test
 * keeps it equal to them). The UI states it under the method
 * so that nobody mistakes a default run for a result it is not: where a method stays below the PCA
 * reference at this budget, it says so. Fractions; wall seconds on the machine named in FINDINGS.md.
 */
export interface MeasuredAtDefaults {
  probe: number;
  pca: number;
  pixels: number;
  randomInit: number;
  wallSeconds: number;
  /** CPU seconds of the runner's one WASM thread: about the wall time on an idle machine. */
  cpuSeconds: number;
  seeds: number;
  /**
   * For a method below PCA + 2 points at its defaults: its run at several times the default steps
   * (docs/findings/longer, seed 1), the "best longer run" issue 11 asks the UI to state.
   */
  longer?: { steps: number; probe: number; cpuSeconds: number };
  /**
   * The same link trained by its PyTorch export (docs/findings/parity, `npm run parity`): probes at the
   * parity run's last step, from the app's initial weights and from PyTorch's own draw, beside the app's.
   */
  parity?: { steps: number; app: number; pytorchSameInit: number; pytorchOwnInit: number; linkVersion?: number };
}

/** " at link format v4's defaults" for a run made at an older version's defaults (linkVersion), else "". */
const atVersion = (linkVersion?: number) => (linkVersion ? ` at link format v${linkVersion}’s defaults` : '');

export const MEASURED_AT_DEFAULTS: Partial<Record<MethodKey, MeasuredAtDefaults>> = {
  context: { probe: 0.858, pca: 0.785, pixels: 0.88, randomInit: 0.685, wallSeconds: 112, cpuSeconds: 105, seeds: 1 },
  jigsaw: { probe: 0.807, pca: 0.785, pixels: 0.88, randomInit: 0.685, wallSeconds: 216, cpuSeconds: 184, seeds: 1 },
  inpainting: { probe: 0.836, pca: 0.773, pixels: 0.871, randomInit: 0.717, wallSeconds: 242, cpuSeconds: 212, seeds: 3 },
  rotation: { probe: 0.822, pca: 0.785, pixels: 0.88, randomInit: 0.685, wallSeconds: 465, cpuSeconds: 271, seeds: 1 },
  moco: { probe: 0.868, pca: 0.785, pixels: 0.88, randomInit: 0.685, wallSeconds: 344, cpuSeconds: 249, seeds: 1 },
  simclr: { probe: 0.906, pca: 0.785, pixels: 0.88, randomInit: 0.685, wallSeconds: 1115, cpuSeconds: 184, seeds: 1, parity: { steps: 1000, app: 0.912, pytorchSameInit: 0.917, pytorchOwnInit: 0.913 } },
  byol: { probe: 0.846, pca: 0.785, pixels: 0.88, randomInit: 0.685, wallSeconds: 395, cpuSeconds: 217, seeds: 1 },
  simsiam: { probe: 0.829, pca: 0.785, pixels: 0.88, randomInit: 0.685, wallSeconds: 188, cpuSeconds: 187, seeds: 1 },
  barlowtwins: { probe: 0.836, pca: 0.785, pixels: 0.88, randomInit: 0.685, wallSeconds: 255, cpuSeconds: 220, seeds: 1 },
  vicreg: { probe: 0.862, pca: 0.785, pixels: 0.88, randomInit: 0.685, wallSeconds: 259, cpuSeconds: 222, seeds: 1 },
  deepcluster: { probe: 0.822, pca: 0.773, pixels: 0.871, randomInit: 0.717, wallSeconds: 42, cpuSeconds: 29, seeds: 3, parity: { steps: 500, app: 0.752, pytorchSameInit: 0.744, pytorchOwnInit: 0.757, linkVersion: 4 } },
  swav: { probe: 0.829, pca: 0.785, pixels: 0.88, randomInit: 0.685, wallSeconds: 238, cpuSeconds: 237, seeds: 1 },
  dino: { probe: 0.832, pca: 0.773, pixels: 0.871, randomInit: 0.717, wallSeconds: 372, cpuSeconds: 376, seeds: 3 },
  mae: { probe: 0.741, pca: 0.827, pixels: 0.871, randomInit: 0.678, wallSeconds: 328, cpuSeconds: 257, seeds: 3, longer: { steps: 3000, probe: 0.853, cpuSeconds: 690 }, parity: { steps: 1000, app: 0.679, pytorchSameInit: 0.682, pytorchOwnInit: 0.756, linkVersion: 4 } },
  msn: { probe: 0.691, pca: 0.827, pixels: 0.871, randomInit: 0.678, wallSeconds: 243, cpuSeconds: 235, seeds: 3, longer: { steps: 400, probe: 0.655, cpuSeconds: 445 }, parity: { steps: 400, app: 0.629, pytorchSameInit: 0.651, pytorchOwnInit: 0.647, linkVersion: 4 } },
  supervised: { probe: 0.942, pca: 0.785, pixels: 0.88, randomInit: 0.685, wallSeconds: 216, cpuSeconds: 102, seeds: 1 },
};

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Minutes of one CPU core, rounded, at least 1. */
const minutes = (cpuSeconds: number) => Math.max(1, Math.round(cpuSeconds / 60));

/** One sentence for the method panel, or null when the method's defaults have not been measured. */
export function measuredSentence(method: MethodKey, label: string): string | null {
  const m = MEASURED_AT_DEFAULTS[method];
  if (!m) return null;
  const runs = `${m.seeds} seed${m.seeds > 1 ? 's' : ''}, about ${minutes(m.cpuSeconds)} min of one CPU core on WASM`;
  const head = `Measured at these defaults on MNIST (${runs}): linear probe ${pct(m.probe)}; random init ${pct(m.randomInit)}, PCA ${pct(m.pca)}, raw pixels ${pct(m.pixels)}.`;
  if (method === 'supervised') return `${head} The ceiling the SSL methods are measured against.`;
  const margin = ((m.probe - m.pca) * 100).toFixed(1);
  if (m.probe >= m.pca + 0.02) return `${head} ${label} clears PCA by ${margin} points.`;
  const verdict =
    m.probe >= m.pca
      ? `At this budget ${label} beats PCA by ${margin} points only, short of the 2-point margin a method should clear (docs/FINDINGS.md).`
      : `At this budget ${label} does not beat PCA: its features are not yet better than a linear projection of the pixels (docs/FINDINGS.md).`;
  const longer = m.longer
    ? ` A run of ${m.longer.steps.toLocaleString('en-US')} steps (about ${minutes(m.longer.cpuSeconds)} min) probes ${pct(m.longer.probe)}.`
    : '';
  // Is it the app or the method? The PyTorch export of the same run answers it for the user too.
  const parity = m.parity
    ? ` Its PyTorch export, trained ${m.parity.steps.toLocaleString('en-US')} steps${atVersion(m.parity.linkVersion)} like the app (${pct(m.parity.app)}), probes ${pct(m.parity.pytorchSameInit)} from the same initial weights and ${pct(m.parity.pytorchOwnInit)} from another draw.`
    : '';
  return `${head} ${verdict}${longer}${parity}`;
}
