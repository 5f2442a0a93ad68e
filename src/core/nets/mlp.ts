import * as tf from '@tensorflow/tfjs-core';
import { ParamSet } from './params';

/**
 * Heads as block tables (lightly's habit): each row is (in, out, batchNorm, relu). SimCLR's projector
 * is [(d, h, BN, ReLU), (h, out, none, none)]. Every table the methods use is in heads.ts.
 */
export interface Block {
  in: number;
  out: number;
  batchNorm: boolean;
  relu: boolean;
}

export interface Mlp {
  params: ParamSet;
  outDim: number;
  apply(x: tf.Tensor2D): tf.Tensor2D;
  /** The same table under another name, with fresh weights (a target network's head). */
  clone(name: string): Mlp;
}

/** BatchNorm ε of PyTorch's BatchNorm1d, which the reference implementations use. */
const BN_EPSILON = 1e-5;

export function createMlp(blocks: readonly Block[], opts: { seed: number; name: string }): Mlp {
  if (blocks.length === 0) throw new Error(`${opts.name}: an MLP needs at least one block`);
  for (let i = 1; i < blocks.length; i++) {
    if (blocks[i].in !== blocks[i - 1].out) throw new Error(`${opts.name}: block ${i} takes ${blocks[i].in} but block ${i - 1} gives ${blocks[i - 1].out}`);
  }
  const p = new ParamSet(opts.name, opts.seed);
  const layers = blocks.map((b, i) => ({
    ...b,
    w: b.relu ? p.heNormal(`fc${i}.w`, [b.in, b.out], b.in) : p.lecunUniform(`fc${i}.w`, [b.in, b.out], b.in),
    // With BatchNorm right after, a bias is redundant (BN's β plays its part).
    bias: b.batchNorm ? null : p.constant(`fc${i}.b`, [b.out], 0),
    gamma: b.batchNorm ? p.constant(`bn${i}.gamma`, [b.out], 1) : null,
    beta: b.batchNorm ? p.constant(`bn${i}.beta`, [b.out], 0) : null,
  }));
  return {
    params: p,
    outDim: blocks[blocks.length - 1].out,
    clone: (name) => createMlp(blocks, { ...opts, name }),
    apply(x) {
      return tf.tidy(() => {
        let h: tf.Tensor2D = x;
        for (const l of layers) {
          h = tf.matMul(h, l.w as tf.Tensor2D);
          if (l.bias) h = tf.add(h, l.bias);
          if (l.gamma && l.beta) h = batchNormTrain(h, l.gamma, l.beta);
          if (l.relu) h = tf.relu(h);
        }
        return h;
      });
    },
  };
}

/** BatchNorm with the current batch's statistics (heads only ever run on training batches). */
export function batchNormTrain(x: tf.Tensor2D, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, 0);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, BN_EPSILON))), gamma), beta) as tf.Tensor2D;
  });
}

