import * as tf from '@tensorflow/tfjs-core';
import { sinkhorn, stopGradient } from '../../losses';

/**
 * SwAV's codes when a queue of past embeddings is on (Caron et al. 2020, §3.1 and their
 * `main_swav.py`); the swapped prediction itself is losses/swappedPrediction.
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
