import * as tf from '@tensorflow/tfjs-core';

/**
 * Weighted kNN classifier on cosine similarity (Wu et al. 2018, "Unsupervised Feature Learning via
 * Non-Parametric Instance Discrimination"): k = 20 neighbours, votes weighted by exp(sim / 0.07).
 * Returns the test accuracy as a scalar tensor (read back by the caller, asynchronously).
 */
export function knnAccuracy(
  trainFeatures: tf.Tensor2D,
  trainLabels: tf.Tensor1D,
  testFeatures: tf.Tensor2D,
  testLabels: tf.Tensor1D,
  opts: { classes: number; k?: number; temperature?: number },
): tf.Scalar {
  return tf.tidy(() => {
    const k = Math.min(opts.k ?? 20, trainFeatures.shape[0]);
    const temperature = opts.temperature ?? 0.07;
    const normalise = (x: tf.Tensor2D) => tf.div(x, tf.add(tf.norm(x, 2, 1, true), 1e-12)) as tf.Tensor2D;
    const sim = tf.matMul(normalise(testFeatures), normalise(trainFeatures), false, true);
    const { values, indices } = tf.topk(sim, k);
    const neighbourLabels = tf.gather(tf.cast(trainLabels, 'int32'), indices); // T×k
    const votes = tf.mul(tf.oneHot(neighbourLabels, opts.classes), tf.expandDims(tf.exp(tf.div(values, temperature)), 2));
    const predicted = tf.argMax(tf.sum(votes, 1), 1);
    return tf.mean(tf.cast(tf.equal(predicted, tf.cast(testLabels, 'int32')), 'float32')) as tf.Scalar;
  });
}
