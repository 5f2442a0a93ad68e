import * as tf from '@tensorflow/tfjs-core';

/**
 * The two layers with which Richemond, Grill, Altché et al. (2020, "BYOL works even without batch
 * statistics", §3.2) replace BYOL's BatchNorms, in the heads (gn-ws) or the whole network (gn-ws-all):
 * weight standardisation of each linear or conv layer (Qiao et al. 2019, eq. 5) and GroupNorm after it
 * (Wu & He 2018, eq. 1). Neither looks at any other image of the batch, so an image's features are the
 * same alone as in a batch, while training as well as in evaluation. One code path for N×C features
 * and B×H×W×C maps, so the heads and the encoder normalise alike.
 */

/** PyTorch's GroupNorm ε, and the ε the WS paper adds to each filter's variance. */
const EPSILON = 1e-5;

/** Groups of a GroupNorm over `channels`: 16 as the BYOL authors' ResNet (gcd, so any width works). */
export function groupCount(channels: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return gcd(channels, 16);
}

/**
 * A weight (in×out, or kh×kw×in×out) with each output unit's weights shifted to mean 0 and scaled to std 1
 * (biased) over everything but the output axis; gradients flow through it.
 */
export function standardizeWeights<T extends tf.Tensor2D | tf.Tensor4D>(w: T): T {
  return tf.tidy(() => {
    const inputAxes = w.shape.slice(0, -1).map((_, i) => i);
    const { mean, variance } = tf.moments(w, inputAxes, true);
    return tf.div(tf.sub(w, mean), tf.sqrt(tf.add(variance, EPSILON))) as T;
  });
}

/**
 * GroupNorm of N×C features or a B×H×W×C map: mean and biased variance per sample and group of C/G
 * channels (over H, W too for a map), then γ, β per channel.
 */
export function groupNorm<T extends tf.Tensor2D | tf.Tensor4D>(x: T, groups: number, gamma: tf.Tensor, beta: tf.Tensor): T {
  return tf.tidy(() => {
    const [b, ...rest] = x.shape;
    const c = rest[rest.length - 1];
    const positions = rest.slice(0, -1).reduce((a, d) => a * d, 1);
    // Rank 4 ([B, positions, G, C/G]) rather than 5: tfjs-wasm is slow above rank 4.
    const g = tf.reshape(x, [b, positions, groups, c / groups]);
    const { mean, variance } = tf.moments(g, [1, 3], true);
    const normed = tf.reshape(tf.div(tf.sub(g, mean), tf.sqrt(tf.add(variance, EPSILON))), x.shape);
    return tf.add(tf.mul(normed, gamma), beta) as T;
  });
}
