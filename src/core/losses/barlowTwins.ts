import * as tf from '@tensorflow/tfjs-core';
import { assertRank, assertSameShape } from './util';

/** BatchNorm1d's ε, which the Barlow Twins code uses to standardise (`nn.BatchNorm1d(affine=False)`). */
const BN_EPSILON = 1e-5;

/**
 * Barlow Twins' cross-correlation matrix (Zbontar et al. 2021, eq. 2): each column standardised over
 * the batch as BatchNorm without affine does (mean 0, biased variance over N, ε = 1e-5), then
 * c = z1ᵀ z2 / N, d×d.
 */
export function crossCorrelation(z1: tf.Tensor2D, z2: tf.Tensor2D): tf.Tensor2D {
  assertRank(z1, 2, 'crossCorrelation z1');
  assertSameShape(z1, z2, 'crossCorrelation z1, z2');
  return tf.tidy(() => {
    const standardise = (z: tf.Tensor2D) => {
      const { mean, variance } = tf.moments(z, 0);
      return tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, BN_EPSILON)));
    };
    return tf.div(tf.matMul(standardise(z1), standardise(z2), true, false), z1.shape[0]);
  });
}

/** The diagonal of a square matrix, as a vector (tfjs-core has no diagPart). */
function diagonal(c: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(c, tf.eye(c.shape[0])), 1));
}

/** Invariance term Σ_i (1 − c_ii)²: the two views' features should agree. */
export function onDiagonalTerm(c: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.square(tf.sub(1, diagonal(c)))) as tf.Scalar);
}

/** Redundancy-reduction term Σ_{i≠j} c_ij²: different features should be decorrelated. */
export function offDiagonalTerm(c: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.mul(tf.square(c), tf.sub(1, tf.eye(c.shape[0])))) as tf.Scalar);
}

/**
 * Barlow Twins (Zbontar et al. 2021, eq. 1): Σ(1 − c_ii)² + λ Σ_{i≠j} c_ij². The paper's λ is 5e-3
 * (the method's default); it is a required argument so that default lives in one place.
 */
export function barlowTwinsLoss(z1: tf.Tensor2D, z2: tf.Tensor2D, lambda: number): tf.Scalar {
  return tf.tidy(() => {
    const c = crossCorrelation(z1, z2);
    return tf.add(onDiagonalTerm(c), tf.mul(lambda, offDiagonalTerm(c))) as tf.Scalar;
  });
}
