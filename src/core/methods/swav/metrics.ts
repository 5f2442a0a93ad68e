import * as tf from '@tensorflow/tfjs-core';

/**
 * How the images spread over the prototypes (z: N×D unit rows):
 * codeEntropy = H(p̄), the entropy (nats) of the mean soft assignment p = softmax(z·Cᵀ/τ): log K when
 * every prototype is used evenly, 0 when all images go to one (collapse);
 * predictionEntropy = mean over images of H(p_i): near log K when every image is spread over all
 * prototypes (the network hedges: the loss sits at log K), lower when assignments are confident;
 * prototypeUsage = share of prototypes that are some image's best match.
 */
export function predictionStats(
  z: tf.Tensor2D,
  prototypes: tf.Tensor2D,
  temperature: number,
): { codeEntropy: tf.Scalar; predictionEntropy: tf.Scalar; prototypeUsage: tf.Scalar } {
  return tf.tidy(() => {
    const scores = tf.matMul(z, prototypes, false, true);
    const k = prototypes.shape[0];
    const logP = tf.logSoftmax(tf.div(scores, temperature));
    const p = tf.exp(logP);
    const mean = tf.mean(p, 0);
    const codeEntropy = tf.neg(tf.sum(tf.mul(mean, tf.log(tf.add(mean, 1e-12))))) as tf.Scalar;
    const predictionEntropy = tf.neg(tf.mean(tf.sum(tf.mul(p, logP), 1))) as tf.Scalar;
    const best = tf.max(tf.oneHot(tf.argMax(scores, 1), k), 0);
    const prototypeUsage = tf.mean(tf.cast(best, 'float32')) as tf.Scalar;
    return { codeEntropy, predictionEntropy, prototypeUsage };
  });
}
