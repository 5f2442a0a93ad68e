import * as tf from '@tensorflow/tfjs-core';

/**
 * BatchNorm's training-mode forward and backward as one op (tf.customGrad), with the per-channel
 * means taken by a full-size average pool.
 *
 * Why: left to autodiff, `tf.moments` plus the broadcasting sub/mul/add records a dozen ops per layer
 * whose gradients reduce over the batch and spatial axes; on WASM every such Sum or Mean over the
 * leading axes of an NHWC map transposes the whole map first (tfjs-backend-wasm reduces innermost
 * axes only). `npm run bench:profile` of default SimCLR (width 32) showed Sum + Mean + Multiply at 150
 * of 500 kernel-ms per step. An H×W average pool (XNNPACK's NHWC pooling) reduces the spatial axes in
 * place, leaving a small B×C mean (measured at 128×28×28×32 on WASM: Sum over B, H, W 25 ms, a ones-row
 * matMul 14 ms — XNNPACK repacks its right-hand side on every call — the pool and the B×C mean 1 ms).
 * The backward pass needs only two such means (Ioffe & Szegedy 2015, §3):
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ/σ · (dy − dβ/M − x̂·dγ/M),  σ = √(var + ε), M = B·H·W.
 * The variance is the biased one of the centred map (two passes, as tf.moments), so the values equal
 * the autodiff version's to float rounding (batchNormTrain.test.ts checks both against each other).
 */
export interface BatchNormTrainResult {
  y: tf.Tensor4D;
  /** Per-channel batch mean and biased variance, [C], for the running averages (no gradient). */
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/** Mean of each channel of a B×H×W×C map over B, H and W, as a [C] tensor. */
function channelMean(t: tf.Tensor4D): tf.Tensor1D {
  const [b, h, w, c] = t.shape;
  return tf.mean(tf.reshape(tf.avgPool(t, [h, w], 1, 'valid'), [b, c]), 0) as tf.Tensor1D;
}

export function batchNormTrain(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): BatchNormTrainResult {
  // Filled inside the forward, where no op is recorded on the gradient tape.
  let stats: { mean: tf.Tensor1D; variance: tf.Tensor1D } | null = null;
  const op = tf.customGrad(((xIn: tf.Tensor4D, gammaIn: tf.Tensor1D, betaIn: tf.Tensor1D, save: tf.GradSaveFunc) => {
    const mean = channelMean(xIn);
    const centred = tf.sub(xIn, mean) as tf.Tensor4D;
    const variance = channelMean(tf.square(centred) as tf.Tensor4D);
    const invStd = tf.rsqrt(tf.add(variance, epsilon)) as tf.Tensor1D;
    const xHat = tf.mul(centred, invStd) as tf.Tensor4D;
    const y = tf.add(tf.mul(xHat, gammaIn), betaIn);
    stats = { mean: tf.keep(mean), variance: tf.keep(variance) };
    save([xHat, invStd, gammaIn]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xh, inv, g] = saved as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D];
        const d = dy as tf.Tensor4D;
        const dyMean = channelMean(d); // dβ / M
        const dyXhatMean = channelMean(tf.mul(d, xh) as tf.Tensor4D); // dγ / M
        const m = d.size / g.size;
        const dx = tf.mul(tf.sub(tf.sub(d, dyMean), tf.mul(xh, dyXhatMean)), tf.mul(inv, g));
        return [dx, tf.mul(dyXhatMean, m), tf.mul(dyMean, m)];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  const y = op(x, gamma, beta) as tf.Tensor4D;
  const { mean, variance } = stats!;
  return { y, mean, variance };
}
