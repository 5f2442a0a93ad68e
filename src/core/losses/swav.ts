import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from './stopGradient';
import { assertPositive, assertRank, assertSameShape, softCrossEntropy } from './util';

/**
 * SwAV's Sinkhorn-Knopp (Caron et al. 2020, sec. 3.1 and their `distributed_sinkhorn`): turn B×K
 * prototype scores into soft codes that use the K prototypes equally over the batch, the
 * equipartition constraint that keeps SwAV from putting every sample in one cluster.
 *
 * Q = exp(scores/ε)ᵀ (K×B), normalised to total 1; then `iterations` times: rows (prototypes) sum to
 * 1/K, columns (samples) sum to 1/B. Returns (Q·B)ᵀ, B×K: each row (a sample's code) sums to 1 and,
 * once converged, each prototype column sums to B/K.
 *
 * The global maximum is subtracted before exp: it cancels in the normalisation to total 1, and
 * keeps exp finite for small ε (SwAV's ε = 0.05 turns a score of 5 into e^100). No stop-gradient
 * here; swavLoss detaches the scores it feeds in.
 */
export function sinkhorn(scores: tf.Tensor2D, epsilon: number, iterations: number): tf.Tensor2D {
  assertRank(scores, 2, 'sinkhorn scores');
  assertPositive(epsilon, 'sinkhorn epsilon');
  if (!Number.isInteger(iterations) || iterations < 0) throw new Error(`sinkhorn iterations must be a non-negative integer, got ${iterations}`);
  const [b, k] = scores.shape;
  return tf.tidy(() => {
    const s = tf.div(scores, epsilon);
    let q: tf.Tensor2D = tf.transpose(tf.exp(tf.sub(s, tf.max(s))));
    q = tf.div(q, tf.sum(q));
    for (let it = 0; it < iterations; it++) {
      q = tf.div(tf.div(q, tf.sum(q, 1, true)), k);
      q = tf.div(tf.div(q, tf.sum(q, 0, true)), b);
    }
    return tf.transpose(tf.mul(q, b));
  });
}

export interface SwavLossOptions {
  /** τ of the softmax over prototype scores (paper: 0.1). */
  temperature: number;
  /** ε of Sinkhorn (paper: 0.05). */
  epsilon: number;
  /** Sinkhorn iterations (paper: 3). */
  sinkhornIterations: number;
}

/**
 * SwAV's swapped prediction (Caron et al. 2020, sec. 3.1 and 3.2, multi-crop): predict the code of
 * one crop from the scores of every other crop.
 *
 * highRes, lowRes: B×K prototype scores per crop. Codes come from the high-resolution crops only,
 * q_i = sinkhorn(scores_i) with no gradient. For each high-res crop i: mean over every other crop j
 * (high and low) of −Σ_k q_i · log softmax(scores_j / τ), mean over the batch; then average over i.
 */
export function swavLoss(highRes: tf.Tensor2D[], lowRes: tf.Tensor2D[], opts: SwavLossOptions): tf.Scalar {
  const crops = [...highRes, ...lowRes];
  if (highRes.length < 1 || crops.length < 2) throw new Error(`swavLoss needs at least one high-res crop and two crops in all, got ${highRes.length} + ${lowRes.length}`);
  return tf.tidy(() => swappedPrediction(highRes.map((scores) => sinkhorn(stopGradient(scores), opts.epsilon, opts.sinkhornIterations)), crops, opts.temperature));
}

/**
 * The swapped prediction for given codes (codes[i] belongs to crops[i]): for each code i, the mean
 * over every other crop j of −Σ_k q_i log softmax(scores_j / τ), averaged over the batch, then over
 * i. swavLoss gives it the batch's own Sinkhorn codes; SwAV's queue (methods/swav/queue.ts) gives it
 * codes computed over queue + batch.
 */
export function swappedPrediction(codes: tf.Tensor2D[], crops: tf.Tensor2D[], temperature: number): tf.Scalar {
  if (codes.length < 1 || crops.length < 2 || codes.length > crops.length) {
    throw new Error(`swappedPrediction: ${codes.length} codes for ${crops.length} crops`);
  }
  assertRank(crops[0], 2, 'swapped prediction scores');
  for (const c of crops) assertSameShape(crops[0], c, 'swapped prediction crops');
  assertPositive(temperature, 'swapped prediction temperature');
  return tf.tidy(() => {
    const logProbs = crops.map((s) => tf.logSoftmax(tf.div(s, temperature)) as tf.Tensor2D);
    const perCode = codes.map((q, i) => {
      const terms = logProbs.filter((_, j) => j !== i).map((lp) => softCrossEntropy(q, lp));
      return tf.div(tf.addN(terms), terms.length);
    });
    return tf.div(tf.addN(perCode), perCode.length) as tf.Scalar;
  });
}
