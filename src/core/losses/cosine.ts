import * as tf from '@tensorflow/tfjs-core';
import { assertRank, assertSameShape, rowCosine } from './util';

/**
 * The two cosine regression losses of the non-contrastive joint-embedding methods. Neither detaches
 * z: the method applies stopGradient to its target branch, so that the classic ablation (SimSiam
 * without stop-gradient collapses, Chen & He 2021, fig. 2) stays one switch in the method.
 */

/** BYOL (Grill et al. 2020, eq. 2): ‖p̄ − z̄‖² = 2 − 2·cos(p_i, z_i), mean over N. One direction; the method symmetrises. */
export function byolLoss(p: tf.Tensor2D, z: tf.Tensor2D): tf.Scalar {
  assertRank(p, 2, 'byolLoss p');
  assertSameShape(p, z, 'byolLoss p, z');
  return tf.tidy(() => tf.mean(tf.sub(2, tf.mul(2, rowCosine(p, z)))) as tf.Scalar);
}

/** SimSiam (Chen & He 2021, eq. 1): D(p, z) = −cos(p_i, z_i), mean over N. */
export function negativeCosine(p: tf.Tensor2D, z: tf.Tensor2D): tf.Scalar {
  assertRank(p, 2, 'negativeCosine p');
  assertSameShape(p, z, 'negativeCosine p, z');
  return tf.tidy(() => tf.neg(tf.mean(rowCosine(p, z))) as tf.Scalar);
}
