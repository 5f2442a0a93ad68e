/** Display formatting shared by the panels. Never shows NaN or Infinity: a dash instead. */

export const DASH = '—';

/** Remaining time as m:ss (minutes may exceed 59: a long run reads 75:03). */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return DASH;
  const total = Math.round(seconds);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** Accuracy fraction in [0, 1] as a percentage with one decimal. */
export function formatPercent(x: number | null | undefined): string {
  return x == null || !Number.isFinite(x) ? DASH : `${(x * 100).toFixed(1)}%`;
}

/** A metric with four significant digits (losses, std, rank). */
export function formatMetric(x: number | null | undefined): string {
  if (x == null || !Number.isFinite(x)) return DASH;
  return Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : String(Number(x.toPrecision(4)));
}

/** Short axis tick: three significant digits, trailing zeros dropped. */
export function formatTick(x: number): string {
  if (!Number.isFinite(x)) return '';
  return String(Number(x.toPrecision(3)));
}

export function formatRate(x: number | null | undefined): string {
  if (x == null || !Number.isFinite(x)) return DASH;
  return x >= 100 ? x.toFixed(0) : x.toFixed(1);
}
