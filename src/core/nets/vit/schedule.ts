/**
 * The ViT pre-training learning-rate recipe: linear warmup, then half a cosine down to 0 (MAE,
 * He et al. 2022, Table 8: 40 warmup epochs of 800, cosine decay; MSN, Assran et al. 2022, released
 * config: 15 of 800). Transformers trained with Adam are unstable at full rate from random init,
 * which the warmup avoids (Dosovitskiy et al. 2021, App. B.1 use it too).
 *
 * `step` is 1-based as the trainer passes it; the rate of the last step is small but not 0.
 */
export function warmupCosine(step: number, totalSteps: number, base: number, warmupFraction: number): number {
  const warmup = Math.max(1, Math.round(warmupFraction * totalSteps));
  if (step <= warmup) return (base * step) / warmup;
  const progress = Math.min(1, (step - warmup - 1) / Math.max(1, totalSteps - warmup));
  return base * 0.5 * (1 + Math.cos(Math.PI * progress));
}
