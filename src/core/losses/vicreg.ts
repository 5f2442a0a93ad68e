import * as tf from '@tensorflow/tfjs-core';
import { assertRank, assertSameShape } from './util';

/**
 * VICReg (Bardes et al. 2022), built from its three named terms as lightly's `vicreg_loss.py` is.
 * Variance and covariance use the unbiased (N − 1) estimates, as the authors' code does
 * (`x.var(dim=0)`, `(x.T @ x) / (batch_size - 1)`).
 */

export interface VicregLossOptions {
  /** λ, weight of the invariance term (paper: 25). */
  invariance: number;
  /** μ, weight of the variance term (paper: 25). */
  variance: number;
  /** ν, weight of the covariance term (paper: 1). */
  covariance: number;
  /** ε inside the square root of the variance (paper: 1e-4), so its gradient stays finite near 0. */
  epsilon: number;
}

/** The paper's coefficients (Bardes et al. 2022, sec. 4.1: λ = μ = 25, ν = 1) and ε. */
export const VICREG_DEFAULTS: Readonly<VicregLossOptions> = { invariance: 25, variance: 25, covariance: 1, epsilon: 1e-4 };

function assertBatch(z: tf.Tensor2D, what: string): void {
  assertRank(z, 2, what);
  if (z.shape[0] < 2) throw new Error(`${what}: needs at least 2 rows for an N − 1 variance, got ${z.shape[0]}`);
}

/** Invariance s(z1, z2): mean squared error over all N·d entries. */
export function invarianceLoss(z1: tf.Tensor2D, z2: tf.Tensor2D): tf.Scalar {
  assertSameShape(z1, z2, 'invarianceLoss z1, z2');
  return tf.tidy(() => tf.mean(tf.square(tf.sub(z1, z2))) as tf.Scalar);
}

/** Variance v(z) of one branch: mean over columns of relu(1 − sqrt(var + ε)), a hinge keeping each feature's std ≥ 1. */
export function varianceLoss(z: tf.Tensor2D, epsilon = VICREG_DEFAULTS.epsilon): tf.Scalar {
  assertBatch(z, 'varianceLoss z');
  return tf.tidy(() => {
    const n = z.shape[0];
    const { variance } = tf.moments(z, 0);
    const unbiased = tf.mul(variance, n / (n - 1));
    return tf.mean(tf.relu(tf.sub(1, tf.sqrt(tf.add(unbiased, epsilon))))) as tf.Scalar;
  });
}

/** Covariance c(z) of one branch: Σ_{i≠j} C_ij² / d with C the (N − 1) covariance matrix; decorrelates features. */
export function covarianceLoss(z: tf.Tensor2D): tf.Scalar {
  assertBatch(z, 'covarianceLoss z');
  return tf.tidy(() => {
    const [n, d] = z.shape;
    const centred = tf.sub(z, tf.mean(z, 0));
    const cov = tf.div(tf.matMul(centred, centred, true, false), n - 1);
    return tf.div(tf.sum(tf.mul(tf.square(cov), tf.sub(1, tf.eye(d)))), d) as tf.Scalar;
  });
}

/**
 * VICReg total (Bardes et al. 2022, sec. 3): invariance·s + variance·½(v(z1) + v(z2)) +
 * covariance·(c(z1) + c(z2)). Missing options take the paper's values.
 */
export function vicregLoss(z1: tf.Tensor2D, z2: tf.Tensor2D, opts: Partial<VicregLossOptions> = {}): tf.Scalar {
  const d = VICREG_DEFAULTS;
  // `??` rather than a spread, so an explicit `undefined` (a knob left unset) falls back too.
  const o: VicregLossOptions = {
    invariance: opts.invariance ?? d.invariance,
    variance: opts.variance ?? d.variance,
    covariance: opts.covariance ?? d.covariance,
    epsilon: opts.epsilon ?? d.epsilon,
  };
  assertSameShape(z1, z2, 'vicregLoss z1, z2');
  return tf.tidy(() => {
    const inv = invarianceLoss(z1, z2);
    const v = tf.mul(0.5, tf.add(varianceLoss(z1, o.epsilon), varianceLoss(z2, o.epsilon)));
    const c = tf.add(covarianceLoss(z1), covarianceLoss(z2));
    return tf.addN([tf.mul(o.invariance, inv), tf.mul(o.variance, v), tf.mul(o.covariance, c)]) as tf.Scalar;
  });
}
