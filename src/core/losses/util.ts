import * as tf from '@tensorflow/tfjs-core';

/**
 * Small shared pieces of the losses: row normalisation, row-wise cosine, shape checks.
 * Row = sample everywhere (DESIGN.md, loss contract).
 */

/**
 * ε² under the square root of the row norm. PyTorch's F.normalize clamps the norm at 1e-12, i.e.
 * the squared norm at 1e-24 (still a normal float32). Clamping the squared norm rather than the norm
 * keeps the gradient finite for an all-zero row (d‖x‖/dx is 0/0 there).
 */
const NORM_EPS_SQ = 1e-24;

/** Each row divided by its L2 norm. */
export function l2Normalize<T extends tf.Tensor>(z: T): T {
  return tf.tidy(() => {
    const axis = z.rank - 1;
    return tf.mul(z, tf.rsqrt(tf.maximum(tf.sum(tf.square(z), axis, true), NORM_EPS_SQ))) as T;
  });
}

/** cos(a_i, b_i) for each row i: shape [N]. */
export function rowCosine(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(l2Normalize(a), l2Normalize(b)), 1));
}

export function assertRank(t: tf.Tensor, rank: number, what: string): void {
  if (t.rank !== rank) throw new Error(`${what}: expected rank ${rank}, got shape [${t.shape.join(', ')}]`);
}

export function assertSameShape(a: tf.Tensor, b: tf.Tensor, what: string): void {
  if (a.rank !== b.rank || a.shape.some((s, i) => s !== b.shape[i])) {
    throw new Error(`${what}: shapes differ, [${a.shape.join(', ')}] vs [${b.shape.join(', ')}]`);
  }
}

export function assertPositive(x: number, what: string): void {
  if (!(x > 0) || !Number.isFinite(x)) throw new Error(`${what} must be a positive finite number, got ${x}`);
}

/** Mean over rows of −Σ_k target_k · logProbs_k (soft-label cross-entropy). */
export function softCrossEntropy(target: tf.Tensor2D, logProbs: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(target, logProbs), 1))));
}
