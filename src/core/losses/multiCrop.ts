import * as tf from '@tensorflow/tfjs-core';

/**
 * Multi-crop for a loss of two views (SwAV paper, Caron et al. 2020, §3.2 and Table 4, which applies
 * it to SimCLR and DeepCluster-v2 too; DINO, Caron et al. 2021, eq. 3): the first `globals` views
 * are the global ones, the rest small crops; a small crop is only ever compared with a global view,
 * never with another small crop (the small crops' "local-to-global" correspondence).
 *
 * - `symmetric` losses (NT-Xent, Barlow Twins, VICReg: L(a, b) = L(b, a)) take each unordered pair
 *   {i, j}, i a global view, j > i, once.
 * - `targeted` losses (BYOL: prediction of j regresses the target of i) take every ordered pair with
 *   i a global view (the target network sees the global views only) and j ≠ i.
 *
 * The result is the mean over the pairs, so with two views and no small crops it is the one pair's
 * loss (symmetric) or the mean of the two directions (targeted).
 */
export function multiCropPairs(globals: number, views: number, kind: 'symmetric' | 'targeted'): [number, number][] {
  if (!Number.isInteger(globals) || globals < 1 || globals > views) throw new Error(`multi-crop: ${globals} global views of ${views}`);
  const pairs: [number, number][] = [];
  for (let i = 0; i < globals; i++) {
    for (let j = kind === 'symmetric' ? i + 1 : 0; j < views; j++) if (j !== i) pairs.push([i, j]);
  }
  if (pairs.length === 0) throw new Error('multi-crop: no pair of views to compare (one view only)');
  return pairs;
}

/** Mean of `loss(views[i], views[j])` over multiCropPairs; for targeted losses, i is the target. */
export function multiCropMean<T>(views: readonly T[], globals: number, kind: 'symmetric' | 'targeted', loss: (target: T, other: T) => tf.Scalar): tf.Scalar {
  return tf.tidy(() => {
    const terms = multiCropPairs(globals, views.length, kind).map(([i, j]) => loss(views[i], views[j]));
    return tf.div(tf.addN(terms), terms.length) as tf.Scalar;
  });
}
