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
 *
 * With the encoder's [CLS] token (pool 'cls'), the decoder does what MAE's `forward_decoder` does
 * (models_mae.py): the [CLS] output is projected with the visible tokens, put back first with a zero
 * position embedding, attended to by every block, and dropped before the pixel prediction
 * (`x = x[:, 1:, :]  # remove cls token`).
 */
export interface MaeDecoder {
  params: ParamSet;
  /**
   * encoded: B×(C + K)×D_enc from the encoder, C = `clsTokens` leading [CLS] outputs then the K
   * visible tokens, `visible` their B·K indices, hidden the B×L mask (1 = hidden). Returns B×L×P
   * pixel predictions for every patch.
   */
  apply(encoded: tf.Tensor3D, visible: Int32Array, hidden: tf.Tensor2D): tf.Tensor3D;
}

/** MAE: `torch.nn.init.normal_(self.mask_token, std=.02)`. */
const MASK_TOKEN_STD = 0.02;

export function createMaeDecoder(o: { encoderDim: number; dim: number; depth: number; heads: number; grid: PatchGrid; seed: number; clsTokens?: 0 | 1 }): MaeDecoder {
  const cls = o.clsTokens ?? 0;
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
        const projected = dense(encoded, embed);
        const [b, t] = projected.shape;
        const patches = cls ? (tf.slice(projected, [0, cls, 0], [b, t - cls, o.dim]) as tf.Tensor3D) : projected;
        const kept = scatterTokens(patches, visible, o.grid.tokens);
        const withMask = tf.add(kept, tf.mul(tf.expandDims(hidden, 2), maskToken));
        const placed = tf.add(withMask, tf.tensor2d(pos, [o.grid.tokens, o.dim])) as tf.Tensor3D;
        // The [CLS] token's position embedding is 0 in MAE's decoder too.
        const tokens = cls ? (tf.concat([tf.slice(projected, [0, 0, 0], [b, cls, o.dim]), placed], 1) as tf.Tensor3D) : placed;
        const out = dense(layerNorm(blocks.apply(tokens), norm), pred);
        return cls ? (tf.slice(out, [0, cls, 0], [b, o.grid.tokens, out.shape[2]]) as tf.Tensor3D) : out;
      });
    },
  };
}
