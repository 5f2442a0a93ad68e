import * as tf from '@tensorflow/tfjs-core';
import { ParamSet } from './params';
import { groupNorm, standardizeWeights } from './groupNormWs';

/**
 * Heads as block tables (lightly's habit): each row is (in, out, batchNorm, relu). SimCLR's projector
 * is [(d, h, BN, ReLU), (h, out, none, none)]. Every table the methods use is in heads.ts.
 */
export interface Block {
  in: number;
  out: number;
  batchNorm: boolean;
  relu: boolean;
  /**
   * GroupNorm with this many groups instead of BatchNorm (Wu & He 2018): statistics per sample over
   * groups of features, so nothing depends on the rest of the batch. Must divide `out`.
   */
  groupNorm?: number;
  /** Weight standardisation (Qiao et al. 2019): each output unit's weights standardised over its inputs before use. */
  weightStandardization?: boolean;
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
  blocks.forEach((b, i) => {
    if (b.groupNorm !== undefined && (b.batchNorm || !Number.isInteger(b.groupNorm) || b.groupNorm < 1 || b.out % b.groupNorm !== 0)) {
      throw new Error(`${opts.name}: block ${i} has GroupNorm with ${b.groupNorm} groups for ${b.out} features${b.batchNorm ? ' and BatchNorm' : ''}`);
    }
  });
  const p = new ParamSet(opts.name, opts.seed);
  const layers = blocks.map((b, i) => {
    const norm = b.batchNorm ? 'bn' : b.groupNorm !== undefined ? 'gn' : null;
    return {
      ...b,
      w: b.relu ? p.heNormal(`fc${i}.w`, [b.in, b.out], b.in) : p.lecunUniform(`fc${i}.w`, [b.in, b.out], b.in),
      // With a normalisation right after, a bias is redundant (its β plays its part).
      bias: norm ? null : p.constant(`fc${i}.b`, [b.out], 0),
      gamma: norm ? p.constant(`${norm}${i}.gamma`, [b.out], 1) : null,
      beta: norm ? p.constant(`${norm}${i}.beta`, [b.out], 0) : null,
    };
  });
  return {
    params: p,
    outDim: blocks[blocks.length - 1].out,
    clone: (name) => createMlp(blocks, { ...opts, name }),
    apply(x) {
      return tf.tidy(() => {
        let h: tf.Tensor2D = x;
        for (const l of layers) {
          h = tf.matMul(h, l.weightStandardization ? standardizeWeights(l.w as tf.Tensor2D) : (l.w as tf.Tensor2D));
          if (l.bias) h = tf.add(h, l.bias);
          if (l.gamma && l.beta) h = l.groupNorm !== undefined ? groupNorm(h, l.groupNorm, l.gamma, l.beta) : batchNormTrain(h, l.gamma, l.beta);
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
