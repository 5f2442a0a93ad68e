import * as tf from '@tensorflow/tfjs-core';
import { assertPositive, assertRank, assertSameShape, l2Normalize } from './util';

/**
 * Added to the self-similarity logits to drop them from the softmax. SimCLR's reference code does
 * the same (`logits_aa - masks * LARGE_NUM`, LARGE_NUM = 1e9); a finite number rather than −∞
 * keeps every backend (and the gradient of the masked entries, exp(−1e9) = 0) free of NaNs.
 */
const LARGE_NUM = 1e9;

/**
 * NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR (Chen et al. 2020, eq. 1).
 *
 * z = l2-normalise(concat(z1, z2)) (2N×d); logits = z zᵀ / τ with the diagonal excluded; row i's
 * target is its other view, i ↔ i + N; mean over all 2N rows, so the loss is symmetric in z1, z2.
 * The other 2N − 2 views of the batch are the negatives.
 */
export function ntXent(z1: tf.Tensor2D, z2: tf.Tensor2D, temperature: number): tf.Scalar {
  assertRank(z1, 2, 'ntXent z1');
  assertSameShape(z1, z2, 'ntXent z1, z2');
  assertPositive(temperature, 'ntXent temperature');
  return tf.tidy(() => {
    const n2 = 2 * z1.shape[0];
    const z = l2Normalize(tf.concat([z1, z2], 0));
    const logits = tf.sub(tf.div(tf.matMul(z, z, false, true), temperature), tf.mul(tf.eye(n2), LARGE_NUM));
    // The partner logit of row i is cos(z1_i, z2_i)/τ for both i and i + N: no gather needed.
    const [a, b] = tf.split(z, 2, 0);
    const positive = tf.div(tf.sum(tf.mul(a, b), 1), temperature);
    const lse = tf.logSumExp(logits, 1);
    return tf.mean(tf.sub(lse, tf.concat([positive, positive], 0))) as tf.Scalar;
  });
}
