import type { MethodKey } from './methods';

/**
 * What each method reached at its defaults, as `npm run findings` recorded it (docs/findings/defaults,
 * docs/FINDINGS.md; a test keeps this table equal to those files). The UI states it under the method
 * so that nobody mistakes a default run for a result it is not: where a method stays below the PCA
 * reference at this budget, it says so. Fractions; wall seconds on the machine named in FINDINGS.md.
 */
export interface MeasuredAtDefaults {
  probe: number;
  pca: number;
  pixels: number;
  randomInit: number;
  wallSeconds: number;
  seeds: number;
}

export const MEASURED_AT_DEFAULTS: Partial<Record<MethodKey, MeasuredAtDefaults>> = {
  rotation: { probe: 0.73, pca: 0.842, pixels: 0.88, randomInit: 0.691, wallSeconds: 1403, seeds: 1 },
  simclr: { probe: 0.885, pca: 0.785, pixels: 0.880, randomInit: 0.685, wallSeconds: 1322, seeds: 1 },
};

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** One sentence for the method panel, or null when the method's defaults have not been measured. */
export function measuredSentence(method: MethodKey, label: string): string | null {
  const m = MEASURED_AT_DEFAULTS[method];
  if (!m) return null;
  const runs = `${m.seeds} seed${m.seeds > 1 ? 's' : ''}, ${Math.round(m.wallSeconds / 60)} min on WASM on a shared 2-core CPU`;
  const head = `Measured at these defaults on MNIST (${runs}): linear probe ${pct(m.probe)}; random init ${pct(m.randomInit)}, PCA ${pct(m.pca)}, raw pixels ${pct(m.pixels)}.`;
  if (method === 'supervised') return `${head} The ceiling the SSL methods are measured against.`;
  if (m.probe >= m.pca + 0.02) return `${head} ${label} clears PCA by ${((m.probe - m.pca) * 100).toFixed(1)} points.`;
  return `${head} At this budget ${label} does not yet beat PCA: train longer or wider (docs/FINDINGS.md has its longer runs).`;
}
