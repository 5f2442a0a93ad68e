import * as tf from '@tensorflow/tfjs-core';
import { ParamSet } from '../../nets/params';
import { type MethodState } from '../../train/checkpoint';
import { createOptimizer } from '../../train/optimizers';

/**
 * The context encoder's adversarial discriminator (Pathak et al. 2016, §3.2, eq. 2), scaled down:
 * two 4×4 stride-2 convolutions with leaky ReLU (0.2) and no BatchNorm in the first layer, as DCGAN
 * (Radford et al. 2016), then global mean and one logit. It looks at the completed image (context
 * plus prediction) against the real one, so only the filled-in region can give a fake away.
 *
 * The trainer hosts one optimiser for the encoder and heads; the discriminator is not among the
 * heads and trains itself: `train` runs one step of its own Adam (the app's, train/optimizers.ts,
 * with β1 = 0.5 as DCGAN and the authors' code), synchronously and without reading back; the
 * optimiser disposes the gradients and its state is checkpointed the way the trainer's is. The
 * method calls it from afterStep.
 */
export interface Discriminator {
  params: ParamSet;
  /** One logit per image: high = real. */
  logits(x: tf.Tensor4D): tf.Tensor1D;
  /** −log D(real) − log(1 − D(fake)), batch means: what the discriminator minimises. */
  loss(real: tf.Tensor4D, fake: tf.Tensor4D): tf.Scalar;
  /** −log D(fake) (the non-saturating generator loss, Goodfellow et al. 2014 §3). */
  generatorLoss(fake: tf.Tensor4D): tf.Scalar;
  /** One update of the discriminator's own optimiser. */
  train(real: tf.Tensor4D, fake: tf.Tensor4D): void;
  /** Its weights and its optimiser's state, for a checkpoint (the weights stay the discriminator's). */
  saveState(): Promise<Required<Pick<MethodState, 'tensors' | 'optimisers'>>>;
  /** Into a discriminator that has not trained yet. */
  loadState(state: MethodState): void;
  dispose(): void;
}

const LEAK = 0.2;
const DCGAN_BETA1 = 0.5;

export function createDiscriminator(opts: { channels: number; width: number; lr: number; seed: number }): Discriminator {
  const { channels, width } = opts;
  const p = new ParamSet('inpaintDiscriminator', opts.seed);
  const convs = [
    { cin: channels, cout: width },
    { cin: width, cout: 2 * width },
  ].map((c, i) => ({ w: p.heNormal(`conv${i}.w`, [4, 4, c.cin, c.cout], 16 * c.cin), b: p.constant(`conv${i}.b`, [c.cout], 0) }));
  const fcW = p.lecunUniform('fc.w', [2 * width, 1], 2 * width);
  const fcB = p.constant('fc.b', [1], 0);
  const optimizer = createOptimizer('adam', { learningRate: opts.lr, weightDecay: 0, beta1: DCGAN_BETA1 });
  const logits = (x: tf.Tensor4D) =>
    tf.tidy(() => {
      let h: tf.Tensor4D = x;
      for (const c of convs) h = tf.leakyRelu(tf.add(tf.conv2d(h, c.w as tf.Tensor4D, 2, 'same'), c.b), LEAK);
      return tf.reshape(tf.add(tf.matMul(tf.mean(h, [1, 2]) as tf.Tensor2D, fcW as tf.Tensor2D), fcB), [-1]) as tf.Tensor1D;
    });
  // −log σ(l) = softplus(−l) and −log(1 − σ(l)) = softplus(l): stable for large |l|.
  const loss = (real: tf.Tensor4D, fake: tf.Tensor4D) =>
    tf.tidy(() => tf.add(tf.mean(tf.softplus(tf.neg(logits(real)))), tf.mean(tf.softplus(logits(fake)))) as tf.Scalar);
  return {
    params: p,
    logits,
    loss,
    generatorLoss: (fake) => tf.tidy(() => tf.mean(tf.softplus(tf.neg(logits(fake)))) as tf.Scalar),
    train(real, fake) {
      optimizer.minimize(() => loss(real, fake), p.list()).dispose();
    },
    async saveState() {
      return { tensors: Object.fromEntries(p.vars), optimisers: { discriminator: await optimizer.saveState(p.list()) } };
    },
    loadState({ tensors, optimisers }) {
      const names = [...p.vars.keys()];
      const missing = names.filter((n) => !tensors[n]);
      if (missing.length > 0 || !optimisers?.discriminator) throw new Error(`inpainting: the checkpoint lacks the discriminator's ${missing.length > 0 ? missing.join(', ') : 'optimiser'}`);
      names.forEach((n) => {
        const v = p.vars.get(n)!;
        if (v.shape.join() !== tensors[n].shape.join()) throw new Error(`inpainting: saved discriminator ${n} has shape [${tensors[n].shape}], this run's is [${v.shape}]`);
        v.assign(tensors[n]);
      });
      optimizer.loadState(optimisers.discriminator, p.list());
    },
    dispose() {
      p.dispose();
      optimizer.dispose();
    },
  };
}
