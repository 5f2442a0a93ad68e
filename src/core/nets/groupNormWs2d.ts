import * as tf from '@tensorflow/tfjs-core';

/**
 * The two layers with which Richemond, Grill, Altché et al. (2020, "BYOL works even without batch
 * statistics", §3.2) replace every BatchNorm of BYOL's network, heads and encoder alike:
 * weight standardisation of each conv (Qiao et al. 2019, eq. 5) and GroupNorm after it (Wu & He 2018).
 * Neither looks at any other image of the batch, so an image's features are the same alone as in a
 * batch, while training as well as in evaluation.
 */

/** PyTorch's GroupNorm ε, and the ε the WS paper adds to each filter's variance. */
const EPSILON = 1e-5;

/** Groups of a GroupNorm over `channels`: 16 as the BYOL authors' ResNet (gcd, so any width works). */
export function groupCount(channels: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return gcd(channels, 16);
}

/** A kh×kw×Cin×Cout filter with each output filter shifted to mean 0 and scaled to std 1 (biased) over kh, kw, Cin. */
export function standardizeConvWeights(w: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(w, [0, 1, 2], true);
    return tf.div(tf.sub(w, mean), tf.sqrt(tf.add(variance, EPSILON))) as tf.Tensor4D;
  });
}

/**
 * GroupNorm of a B×H×W×C map: mean and biased variance per image and group of C/G channels over
 * H, W and the group's channels, then γ, β per channel.
 */
export function groupNorm2d(x: tf.Tensor4D, groups: number, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    // Rank 4 ([B, H·W, G, C/G]) rather than 5: tfjs-wasm is slow above rank 4.
    const g = tf.reshape(x, [b, h * w, groups, c / groups]);
    const { mean, variance } = tf.moments(g, [1, 3], true);
    const normed = tf.reshape(tf.div(tf.sub(g, mean), tf.sqrt(tf.add(variance, EPSILON))), [b, h, w, c]);
    return tf.add(tf.mul(normed, gamma), beta) as tf.Tensor4D;
  });
}
