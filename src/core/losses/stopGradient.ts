import * as tf from '@tensorflow/tfjs-core';

/**
 * Identity in the forward pass, zero gradient in the backward pass: PyTorch's `.detach()`.
 *
 * tfjs-core 4.22 exports no stopGradient op, so it is built from `tf.customGrad`. A zero gradient
 * (rather than cutting the tape) keeps `tf.grad(f)(x)` well defined when x only reaches the output
 * through a stopped branch: the answer is zeros, not an "x does not lead to y" error.
 * The SSL methods need it wherever the paper writes sg(·): SimSiam's stop-gradient (Chen & He 2021),
 * the codes of SwAV (Caron et al. 2020), DINO's teacher (Caron et al. 2021), MSN's targets (Assran et
 * al. 2022).
 */
// customGrad's callback receives (...inputs, save) typed as Tensor | GradSaveFunc; input 0 is x.
const stopGradientOp = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
  value: tf.clone(args[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stopGradientOp(x) as T;
}
