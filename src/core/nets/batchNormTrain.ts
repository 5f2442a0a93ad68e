import * as tf from '@tensorflow/tfjs-core';

/**
 * BatchNorm's training-mode forward and backward as one op (tf.customGrad), with the per-channel
 * sums done as matrix products with a ones row.
 *
 * Why: left to autodiff, `tf.moments` plus the broadcasting sub/mul/add records a dozen ops per layer
 * whose gradients reduce over the batch and spatial axes; on WASM every such Sum or Mean over the
 * leading axes of an NHWC map transposes the map first (tfjs-backend-wasm reduces innermost axes
 * only). `npm run bench:profile` of default SimCLR (width 32) showed Sum + Mean + Multiply at 150 of
 * 500 kernel-ms per step. A ones-row matMul reduces over rows without a transpose, and the backward
 * pass needs only two such sums (Ioffe & Szegedy 2015, §3):
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ/σ · (dy − dβ/M − x̂·dγ/M),  σ = √(var + ε), M = B·H·W.
 * The variance is the biased one of the centred map (two passes, as tf.moments), so the values equal
 * the autodiff version's to float rounding (batchNorm.test.ts checks both against each other).
 */
export interface BatchNormTrainResult {
  y: tf.Tensor4D;
  /** Per-channel batch mean and biased variance, [C], for the running averages (no gradient). */
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

export function batchNormTrain(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): BatchNormTrainResult {
  const [b, h, w, c] = x.shape;
  const m = b * h * w;
  // Filled inside the forward, where no op is recorded on the gradient tape.
  let stats: { mean: tf.Tensor1D; variance: tf.Tensor1D } | null = null;
  const op = tf.customGrad(((xIn: tf.Tensor, gammaIn: tf.Tensor, betaIn: tf.Tensor, save: tf.GradSaveFunc) => {
    const ones = tf.ones([1, m]) as tf.Tensor2D;
    const rowSum = (t: tf.Tensor2D) => tf.matMul(ones, t); // [1, C]
    const x2 = tf.reshape(xIn, [m, c]) as tf.Tensor2D;
    const mean = tf.div(rowSum(x2), m);
    const centred = tf.sub(x2, mean) as tf.Tensor2D;
    const variance = tf.div(rowSum(tf.square(centred) as tf.Tensor2D), m);
    const invStd = tf.rsqrt(tf.add(variance, epsilon)); // [1, C]
    const xHat = tf.mul(centred, invStd) as tf.Tensor2D;
    const y = tf.reshape(tf.add(tf.mul(xHat, gammaIn), betaIn), [b, h, w, c]);
    stats = { mean: tf.keep(tf.reshape(mean, [c])) as tf.Tensor1D, variance: tf.keep(tf.reshape(variance, [c])) as tf.Tensor1D };
    save([xHat, invStd, gammaIn]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xh, inv, g] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
        const onesRow = tf.ones([1, m]) as tf.Tensor2D;
        const dy2 = tf.reshape(dy as tf.Tensor, [m, c]) as tf.Tensor2D;
        const dBeta = tf.matMul(onesRow, dy2); // [1, C]
        const dGamma = tf.matMul(onesRow, tf.mul(dy2, xh) as tf.Tensor2D); // [1, C]
        const inner = tf.sub(tf.sub(dy2, tf.div(dBeta, m)), tf.mul(xh, tf.div(dGamma, m)));
        const dx = tf.reshape(tf.mul(inner, tf.mul(inv, g)), [b, h, w, c]);
        return [dx, tf.reshape(dGamma, [c]), tf.reshape(dBeta, [c])];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  const y = op(x, gamma, beta) as tf.Tensor4D;
  const { mean, variance } = stats!;
  return { y, mean, variance };
}
