import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from './stopGradient';
import { assertPositive, assertRank, l2Normalize, softCrossEntropy } from './util';

export interface MsnLossOptions {
  /** τ of the anchor softmax over prototypes (paper: 0.1). */
  temperature: number;
  /** T < 1 sharpens the targets (paper: 0.25); the target softmax uses τ·T. */
  targetSharpen: number;
  /** Weight of the mean-entropy maximisation term (paper: 1). */
  meMaxWeight: number;
}

/**
 * Masked Siamese Networks (Assran et al. 2022, sec. 3 and their `msn_loss`).
 *
 * anchors: M masked views of the batch, view-major (row v·B + b), M·B×d; targets: the unmasked view,
 * B×d; prototypes K×d. All three are l2-normalised here (cosine similarity to the prototypes).
 * p = softmax(a·protoᵀ/τ); targets softmax(t·protoᵀ/(τ·T)) carry no gradient (they come from the
 * EMA target network) and are repeated per anchor view. Loss = H(targets, p) averaged over the M·B
 * anchors + meMaxWeight·(log K − H(p̄)), p̄ the mean of p over anchors: the KL divergence of p̄ from
 * uniform, 0 when the prototypes are used evenly, which is what prevents collapse to one prototype.
 */
export function msnLoss(anchors: tf.Tensor2D, targets: tf.Tensor2D, prototypes: tf.Tensor2D, opts: MsnLossOptions): tf.Scalar {
  assertRank(anchors, 2, 'msnLoss anchors');
  assertRank(targets, 2, 'msnLoss targets');
  assertRank(prototypes, 2, 'msnLoss prototypes');
  const [b, d] = targets.shape;
  if (anchors.shape[1] !== d || prototypes.shape[1] !== d) {
    throw new Error(`msnLoss: widths differ, anchors ${anchors.shape[1]}, targets ${d}, prototypes ${prototypes.shape[1]}`);
  }
  if (b < 1 || anchors.shape[0] % b !== 0 || anchors.shape[0] === 0) {
    throw new Error(`msnLoss: anchors must hold M whole views of the batch (rows multiple of ${b}), got ${anchors.shape[0]}`);
  }
  assertPositive(opts.temperature, 'msnLoss temperature');
  assertPositive(opts.targetSharpen, 'msnLoss targetSharpen');
  const views = anchors.shape[0] / b;
  const k = prototypes.shape[0];
  return tf.tidy(() => {
    const protos = l2Normalize(prototypes);
    const logits = tf.div(tf.matMul(l2Normalize(anchors), protos, false, true), opts.temperature);
    const logP = tf.logSoftmax(logits) as tf.Tensor2D;
    const target = stopGradient(tf.softmax(tf.div(tf.matMul(l2Normalize(targets), protos, false, true), opts.temperature * opts.targetSharpen)));
    const ce = softCrossEntropy(tf.tile(target, [views, 1]) as tf.Tensor2D, logP);
    // log K − H(p̄) = Σ p̄ log p̄ + log K. p̄ is a mean of softmaxes, so strictly positive unless a
    // logit gap exceeds ~87 (float32 exp underflow); the clamp only guards that case from 0·log 0.
    const pBar = tf.mean(tf.exp(logP), 0);
    const meMax = tf.add(tf.sum(tf.mul(pBar, tf.log(tf.maximum(pBar, 1e-30)))), Math.log(k));
    return tf.add(ce, tf.mul(opts.meMaxWeight, meMax)) as tf.Scalar;
  });
}
