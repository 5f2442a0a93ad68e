import * as tf from '@tensorflow/tfjs-core';
import { ParamSet } from '../../nets/params';
import { createDense, createNorm, createTransformer, dense, layerNorm } from '../../nets/vit/block';
import type { PatchGrid } from '../../nets/vit/patches';
import { sinCosPosEmbed } from '../../nets/vit/posEmbed';
import { scatterTokens } from '../../nets/vit/tokens';

/**
 * MAE's light decoder (He et al. 2022, §3 "MAE decoder"): the encoded visible tokens, projected to
 * the decoder width, are put back at their positions; every hidden position gets the same learned
 * mask token; fixed sin-cos position embeddings tell the tokens apart; a few transformer blocks and
 * a linear layer predict the P pixels of every patch. Only used for pre-training.
 */
export interface MaeDecoder {
  params: ParamSet;
  /**
   * encoded: B×K×D_enc visible tokens from the encoder, `visible` their B·K indices, hidden the
   * B×L mask (1 = hidden). Returns B×L×P pixel predictions for every patch.
   */
  apply(encoded: tf.Tensor3D, visible: Int32Array, hidden: tf.Tensor2D): tf.Tensor3D;
}

/** MAE: `torch.nn.init.normal_(self.mask_token, std=.02)`. */
const MASK_TOKEN_STD = 0.02;

export function createMaeDecoder(o: { encoderDim: number; dim: number; depth: number; heads: number; grid: PatchGrid; seed: number }): MaeDecoder {
  const p = new ParamSet('maeDecoder', o.seed);
  const embed = createDense(p, 'embed', o.encoderDim, o.dim);
  // ParamSet's normal draws std √(2/fanIn); fanIn = 2/0.02² gives MAE's std 0.02.
  const maskToken = p.heNormal('maskToken', [1, 1, o.dim], 2 / (MASK_TOKEN_STD * MASK_TOKEN_STD));
  const blocks = createTransformer(p, 'block', { dim: o.dim, depth: o.depth, heads: o.heads, mlpRatio: 4 });
  const norm = createNorm(p, 'norm', o.dim);
  const pred = createDense(p, 'pred', o.dim, o.grid.patchDim);
  const pos = sinCosPosEmbed(o.grid.rows, o.grid.cols, o.dim);
  return {
    params: p,
    apply(encoded, visible, hidden) {
      return tf.tidy(() => {
        const kept = scatterTokens(dense(encoded, embed), visible, o.grid.tokens);
        const withMask = tf.add(kept, tf.mul(tf.expandDims(hidden, 2), maskToken));
        const tokens = tf.add(withMask, tf.tensor2d(pos, [o.grid.tokens, o.dim])) as tf.Tensor3D;
        return dense(layerNorm(blocks.apply(tokens), norm), pred);
      });
    },
  };
}
