/**
 * TensorBoard's scalar smoothing: an exponential moving average de-biased as in Adam (Kingma & Ba
 * 2015, §3), so the first points are not pulled towards 0. weight 0 returns the values unchanged.
 * Non-finite values are passed through and skipped by the average.
 */
export function debiasedEma(values: readonly number[], weight: number): number[] {
  if (weight <= 0) return values.slice();
  let last = 0;
  let n = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    last = last * weight + (1 - weight) * v;
    n += 1;
    return last / (1 - weight ** n);
  });
}
