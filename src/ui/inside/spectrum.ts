/**
 * Geometry of the singular-value spectrum plot: index on x, log10 σ on y. Values at or below the floor
 * (σ = 0 of a collapsed direction) are drawn on the floor so the tail's drop stays visible.
 */
export interface SpectrumScale {
  /** log10 of the lowest and highest σ drawn. */
  lo: number;
  hi: number;
  count: number;
}

/** Six decades under the largest σ: float32 embeddings carry about seven. */
const DECADES = 6;

export function spectrumScale(spectra: readonly Float32Array[]): SpectrumScale {
  let max = 0;
  let count = 1;
  for (const s of spectra) {
    count = Math.max(count, s.length);
    for (const v of s) if (v > max) max = v;
  }
  const hi = max > 0 ? Math.ceil(Math.log10(max) * 2) / 2 : 0;
  return { hi, lo: hi - DECADES, count };
}

/** SVG polyline points of one spectrum in a width×height box. */
export function spectrumPoints(sigma: Float32Array, scale: SpectrumScale, width: number, height: number): string {
  const dx = scale.count > 1 ? width / (scale.count - 1) : 0;
  const out: string[] = [];
  for (let i = 0; i < sigma.length; i++) {
    const y = Math.max(scale.lo, Math.min(scale.hi, sigma[i] > 0 ? Math.log10(sigma[i]) : scale.lo));
    out.push(`${(i * dx).toFixed(1)},${(((scale.hi - y) / (scale.hi - scale.lo)) * height).toFixed(1)}`);
  }
  return out.join(' ');
}
