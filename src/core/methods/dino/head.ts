import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '../../losses';
import { dinoHeadBlocks } from '../../nets/heads';
import { createMlp } from '../../nets/mlp';
import { ParamSet } from '../../nets/params';

/**
 * DINO's projection head (Caron et al. 2021, §3.1 and appendix; the authors' DINOHead): a 3-layer MLP
 * (hidden, hidden, bottleneck; no BatchNorm) whose output is l2-normalised, then a weight-normalised
 * linear layer to K outputs with its norm fixed at 1 (norm_last_layer): every output is the cosine of
 * the bottleneck with one of K unit directions, so the logits stay in [−1, 1] and only the
 * temperatures set their sharpness. ReLU stands in for the paper's GELU: the block tables have ReLU.
 */
export interface DinoHead {
  params: ParamSet[];
  apply(x: tf.Tensor2D): tf.Tensor2D;
  /** The same head under another name, fresh weights (the teacher's). */
  clone(name: string): DinoHead;
}

export interface DinoHeadOptions {
  inDim: number;
  hidden: number;
  bottleneck: number;
  outDim: number;
  batchNorm: boolean;
  seed: number;
  name: string;
}

export function createDinoHead(opts: DinoHeadOptions): DinoHead {
  const mlp = createMlp(dinoHeadBlocks(opts.inDim, opts.hidden, opts.bottleneck, opts.batchNorm), { seed: opts.seed, name: `${opts.name}.mlp` });
  const last = new ParamSet(`${opts.name}.last`, opts.seed);
  // Rows are the K output directions (PyTorch's [out, in] layout), normalised in the forward pass.
  const v = last.lecunUniform('v', [opts.outDim, opts.bottleneck], opts.bottleneck);
  return {
    params: [mlp.params, last],
    clone: (name) => createDinoHead({ ...opts, name }),
    apply: (x) => tf.tidy(() => tf.matMul(l2Normalize(mlp.apply(x)), l2Normalize(v), false, true)),
  };
}
