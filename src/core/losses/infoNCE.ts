import * as tf from '@tensorflow/tfjs-core';
import { assertPositive, assertRank, assertSameShape, l2Normalize } from './util';

/**
 * InfoNCE as MoCo uses it (He et al. 2020, eq. 1; Oord et al. 2018 named it).
 *
 * q, k (N×d) are l2-normalised here; queue (K×d) holds keys of earlier batches, already normalised
 * when they were enqueued. logits = [q·k, q·queueᵀ] / τ, N×(1 + K); the positive is column 0, so the
 * loss is the cross-entropy with target 0, mean over N.
 *
 * k is not detached here: in MoCo the keys come from the momentum encoder, which gets no gradient
 * anyway; the method decides (with stopGradient) if a key branch ever shares weights with q.
 */
export function infoNCE(q: tf.Tensor2D, k: tf.Tensor2D, queue: tf.Tensor2D, temperature: number): tf.Scalar {
  assertRank(q, 2, 'infoNCE q');
  assertSameShape(q, k, 'infoNCE q, k');
  assertRank(queue, 2, 'infoNCE queue');
  if (queue.shape[1] !== q.shape[1]) throw new Error(`infoNCE: queue has width ${queue.shape[1]}, q has ${q.shape[1]}`);
  assertPositive(temperature, 'infoNCE temperature');
  return tf.tidy(() => {
    const qn = l2Normalize(q);
    const kn = l2Normalize(k);
    const positive = tf.sum(tf.mul(qn, kn), 1, true);
    const negatives = tf.matMul(qn, queue, false, true);
    const logits = tf.div(tf.concat([positive, negatives], 1), temperature);
    return tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.div(tf.squeeze(positive, [1]), temperature))) as tf.Scalar;
  });
}
