import * as tf from '@tensorflow/tfjs-core';
import { sinkhorn, stopGradient } from '../../losses';

/**
 * The pieces of SwAV's loss that the queue needs separately from losses/swavLoss (which computes
 * codes from the batch alone). Caron et al. 2020, §3.1 eq. (1)–(3) and their `main_swav.py`.
 */

/** SwAV runs 3 Sinkhorn-Knopp iterations (§3.1: "only 3 iterations is fast and sufficient"). */
export const SINKHORN_ITERATIONS = 3;

/**
 * Codes of one high-res crop with a queue (§3.1 "Working with small batches"): Sinkhorn runs over the
 * queue's scores stacked on top of the batch's (the equipartition then spans queue + batch, L + B
 * samples), and the batch keeps its last B rows, as main_swav.py does. No gradient flows into codes.
 */
export function codesWithQueue(queueScores: tf.Tensor2D, scores: tf.Tensor2D, epsilon: number): tf.Tensor2D {
  return tf.tidy(() => {
    const [l] = queueScores.shape;
    const [b, k] = scores.shape;
    const q = sinkhorn(stopGradient(tf.concat([queueScores, scores], 0)), epsilon, SINKHORN_ITERATIONS);
    return tf.slice(q, [l, 0], [b, k]);
  });
}

/**
 * The swapped prediction for given codes: for each high-res crop i (codes[i]), the mean over every
 * other crop j of −Σ_k q_i log softmax(scores_j / τ), averaged over the batch, then over i. With the
 * codes sinkhorn(scores_i) this is exactly losses/swavLoss (checked in the tests).
 */
export function swappedPrediction(codes: tf.Tensor2D[], crops: tf.Tensor2D[], temperature: number): tf.Scalar {
  if (codes.length < 1 || crops.length < 2 || codes.length > crops.length) {
    throw new Error(`swappedPrediction: ${codes.length} codes for ${crops.length} crops`);
  }
  return tf.tidy(() => {
    const logProbs = crops.map((s) => tf.logSoftmax(tf.div(s, temperature)));
    const perCode = codes.map((q, i) => {
      const terms = logProbs.filter((_, j) => j !== i).map((lp) => tf.neg(tf.mean(tf.sum(tf.mul(q, lp), 1))));
      return tf.div(tf.addN(terms), terms.length);
    });
    return tf.div(tf.addN(perCode), perCode.length) as tf.Scalar;
  });
}
