import * as tf from '@tensorflow/tfjs-core';
import { assertRank, assertSameShape } from './util';

/** ε inside the square root of the per-patch variance, as in the MAE authors' code (`(var + 1.e-6)**.5`). */
const NORM_PIX_EPSILON = 1e-6;

/**
 * MAE reconstruction loss (He et al. 2022, sec. 3 "Reconstruction target" and their `forward_loss`).
 *
 * pred, target: B×L×P (L patches of P values); mask: B×L, 1 = hidden. Mean over P of the squared error
 * of each patch, averaged over hidden patches only: the visible patches were seen by the encoder, so
 * reconstructing them teaches nothing (the paper: a loss on all pixels costs ~0.5% accuracy).
 * With normPixels each target patch is first standardised by its own mean and variance (N − 1, as
 * `torch.var`), which the paper reports improves the representation. A mask with no hidden patch gives 0.
 */
export function maeLoss(pred: tf.Tensor3D, target: tf.Tensor3D, mask: tf.Tensor2D, normPixels: boolean): tf.Scalar {
  assertRank(pred, 3, 'maeLoss pred');
  assertSameShape(pred, target, 'maeLoss pred, target');
  assertRank(mask, 2, 'maeLoss mask');
  const [b, l, p] = pred.shape;
  if (mask.shape[0] !== b || mask.shape[1] !== l) throw new Error(`maeLoss: mask is [${mask.shape.join(', ')}], expected [${b}, ${l}]`);
  if (normPixels && p < 2) throw new Error('maeLoss: normPixels needs at least 2 values per patch for an N − 1 variance');
  return tf.tidy(() => {
    let t: tf.Tensor3D = target;
    if (normPixels) {
      const { mean, variance } = tf.moments(target, 2, true);
      const unbiased = tf.mul(variance, p / (p - 1));
      t = tf.div(tf.sub(target, mean), tf.sqrt(tf.add(unbiased, NORM_PIX_EPSILON)));
    }
    const perPatch = tf.mean(tf.square(tf.sub(pred, t)), 2);
    // divNoNan: 0 rather than NaN for a batch with nothing hidden. The mask is data, never trained,
    // so the comparison inside divNoNan is not on the gradient path.
    return tf.divNoNan(tf.sum(tf.mul(perPatch, mask)), tf.sum(mask)) as tf.Scalar;
  });
}
