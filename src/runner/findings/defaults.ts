import { METHOD_KEYS, METHOD_SPECS } from '../../core/config/methods';
import { percent as pct, stat, type RunSummary } from './render';

/** The per-method table: every method (and the supervised reference) at its defaults. Claim id of its runs. */
export const DEFAULTS_ID = 'defaults';

export const DEFAULT_VARIANTS = METHOD_KEYS.map((key) => ({ label: key, query: `method=${key}` }));


/** Wall seconds, and the CPU seconds beside them where recorded (≈ the wall time on an idle machine). */
const wallCell = (wall: number, cpu: number) => `${wall.toFixed(0)} s${Number.isFinite(cpu) ? ` (${cpu.toFixed(0)} s CPU)` : ''}`;

/**
 * Wall time, probe and kNN per method at the default budget, beside the references every run
 * computes (random init, raw pixels, PCA) and the supervised reference; "≥ PCA + 2" says whether the
 * method clears the bar the issue sets.
 */
export function renderDefaults(runs: RunSummary[], budget: string): string {
  const mine = runs.filter((r) => r.claim === DEFAULTS_ID);
  const mean = (key: string, f: (r: RunSummary) => number | undefined) => stat(mine.filter((r) => r.variant === key).map((r) => f(r) ?? NaN));
  const supervised = mean('supervised', (r) => r.final.probeAccuracy);
  const rows = DEFAULT_VARIANTS.map(({ label }) => {
    const probe = mean(label, (r) => r.final.probeAccuracy);
    if (probe.n === 0) return `| ${METHOD_SPECS[label].label} | not run | | | | | | |`;
    const pca = mean(label, (r) => r.final.pcaProbeAccuracy);
    const clears = label === 'supervised' ? 'reference' : probe.mean >= pca.mean + 0.02 ? 'yes' : 'no';
    return [
      METHOD_SPECS[label].label,
      wallCell(mean(label, (r) => r.wallSeconds).mean, mean(label, (r) => r.cpuSeconds).mean),
      `${pct(probe.mean)}${probe.n > 1 ? ` ± ${(probe.sd * 100).toFixed(1)}` : ''} (${probe.n})`,
      pct(mean(label, (r) => r.final.knnAccuracy).mean),
      pct(mean(label, (r) => r.final.baselineProbeAccuracy).mean),
      pct(mean(label, (r) => r.final.pixelProbeAccuracy).mean),
      pct(pca.mean),
      clears,
    ].join(' | ').replace(/^/, '| ') + ' |';
  });
  return [
    '## Every method at its defaults',
    '',
    `<a id="${DEFAULTS_ID}"></a>\`npm run findings -- --only ${DEFAULTS_ID}\` (${budget}). Probe: mean ± sd over seeds (count). Supervised reference: ${pct(supervised.mean)}.`,
    '',
    '| method | wall (CPU) | linear probe | kNN | random init | raw pixels | PCA | ≥ PCA + 2 pt |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
