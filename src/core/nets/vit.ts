import * as tf from '@tensorflow/tfjs-core';
import { VIT_KNOB_DEFAULTS } from '../config/methods/vitKnobs';
import type { Encoder } from './convnet';
import { ParamSet } from './params';
import { createDense, createNorm, createTransformer, dense, layerNorm } from './vit/block';
import { patchGrid, patchify, type PatchGrid } from './vit/patches';
import { sinCosPosEmbed } from './vit/posEmbed';
import { selectTokens } from './vit/tokens';

export { patchGrid, patchify, unpatchify, type PatchGrid } from './vit/patches';
export { selectTokens, scatterTokens, selectionMatrix } from './vit/tokens';
export { sinCosPosEmbed } from './vit/posEmbed';

/**
 * A tiny Vision Transformer (Dosovitskiy et al. 2021) for 28 px images: patchify, a linear patch
 * embedding, fixed 2-D sin-cos position embeddings (as MAE, He et al. 2022), pre-norm transformer
 * blocks and a final LayerNorm. Features (`pool`): by default no [CLS] token and the mean of the
 * output tokens, which MAE reports works as well as a class token (He et al. 2022, App. A.1); or a
 * learned [CLS] token prepended to the (visible) patch tokens, whose output is the feature, as ViT,
 * MAE's linear probe (`global_pool=False`, models_vit.py) and MSN (Assran et al. 2022, §3: "the
 * representation of the [CLS] token") read it.
 */
export type VitPool = 'mean' | 'cls';

export interface VitOptions {
  channels: number;
  height: number;
  width: number;
  patchSize: number;
  dim: number;
  depth: number;
  heads: number;
  seed: number;
  /** Which output is the feature; absent means 'mean', the ViT before the knob. */
  pool?: VitPool;
  name?: string;
}

/** ViT and MAE: MLP hidden width 4·D (Dosovitskiy et al. 2021, Table 1). */
const MLP_RATIO = 4;
/** MAE: `torch.nn.init.normal_(self.cls_token, std=.02)` (MSN: trunc_normal_ with the same std). */
const CLS_TOKEN_STD = 0.02;

export interface VitEncoder extends Encoder {
  kind: 'vit';
  clone(name: string): VitEncoder;
  options: VitOptions;
  grid: PatchGrid;
  /** Token width D (= outDim). */
  dim: number;
  /**
   * Patch embedding + position embedding of every patch: B×L×D. Images smaller than the training
   * size (MSN's focal crops) get a smaller grid whose positions span the same extent (posEmbed.ts).
   */
  embedPatches(x: tf.Tensor4D): tf.Tensor3D;
  /** Transformer + final LayerNorm over a token sequence: B×T×D → B×T×D. */
  encodeTokens(tokens: tf.Tensor3D): tf.Tensor3D;
  /** 1 when a [CLS] token leads every encoded sequence (pool 'cls'), else 0. */
  clsTokens: 0 | 1;
  /**
   * Encodes only the listed patches of each image (B·K indices, row-major per sample): MAE's and
   * MSN's encoder never sees the hidden patches. Returns B×(clsTokens + K)×D, the [CLS] output first
   * (MAE's `forward_encoder`).
   */
  encodeVisible(x: tf.Tensor4D, visible: Int32Array): tf.Tensor3D;
  /** The feature of each encoded sequence: the [CLS] output, or the mean of the patch outputs. B×D. */
  pool(encoded: tf.Tensor3D): tf.Tensor2D;
}

export function createVitEncoder(o: VitOptions): VitEncoder {
  const grid = patchGrid(o.height, o.width, o.channels, o.patchSize);
  const p = new ParamSet(o.name ?? 'encoder', o.seed);
  // MAE initialises the patch embedding like a Linear (xavier on the flattened conv weight).
  const patchEmbed = createDense(p, 'patchEmbed', grid.patchDim, o.dim);
  const blocks = createTransformer(p, 'block', { dim: o.dim, depth: o.depth, heads: o.heads, mlpRatio: MLP_RATIO });
  const norm = createNorm(p, 'norm', o.dim);
  const pool = o.pool ?? 'mean';
  // ParamSet's normal draws std √(2/fanIn); fanIn = 2/0.02² gives std 0.02. Its position embedding
  // is 0 (MAE's `get_2d_sincos_pos_embed(..., cls_token=True)` puts a zero row first), so none is added.
  const clsToken = pool === 'cls' ? p.heNormal('clsToken', [1, 1, o.dim], 2 / (CLS_TOKEN_STD * CLS_TOKEN_STD)) : null;
  // A broadcast add, not tf.tile: tile's gradient is a loop of B slices (tfjs Tile_grad), the add's one sum.
  const withCls = (tokens: tf.Tensor3D): tf.Tensor3D =>
    clsToken ? (tf.concat([tf.add(tf.zeros([tokens.shape[0], 1, o.dim]), clsToken), tokens], 1) as tf.Tensor3D) : tokens;
  const posCache = new Map<string, Float32Array>();
  const pos = (g: PatchGrid) => {
    const key = `${g.rows}x${g.cols}`;
    let table = posCache.get(key);
    if (!table) {
      table = sinCosPosEmbed(g.rows, g.cols, o.dim, grid.rows / g.rows, grid.cols / g.cols);
      posCache.set(key, table);
    }
    return tf.tensor2d(table, [g.tokens, o.dim]);
  };
  const encoder: VitEncoder = {
    kind: 'vit',
    options: o,
    grid,
    dim: o.dim,
    params: p,
    outDim: o.dim,
    clone: (name) => createVitEncoder({ ...o, name }),
    embedPatches(x) {
      return tf.tidy(() => {
        const g = x.shape[1] === o.height && x.shape[2] === o.width ? grid : patchGrid(x.shape[1], x.shape[2], o.channels, o.patchSize);
        return tf.add(dense(patchify(x, g), patchEmbed), pos(g)) as tf.Tensor3D;
      });
    },
    encodeTokens(tokens) {
      return tf.tidy(() => layerNorm(blocks.apply(tokens), norm));
    },
    clsTokens: clsToken ? 1 : 0,
    encodeVisible(x, visible) {
      return tf.tidy(() => encoder.encodeTokens(withCls(selectTokens(encoder.embedPatches(x), visible))));
    },
    pool(encoded) {
      return tf.tidy(() => (pool === 'cls' ? tf.squeeze(tf.slice(encoded, [0, 0, 0], [-1, 1, -1]), [1]) : tf.mean(encoded, 1)) as tf.Tensor2D);
    },
    apply(x) {
      return tf.tidy(() => encoder.pool(encoder.encodeTokens(withCls(encoder.embedPatches(x)))));
    },
  };
  return encoder;
}

/** The ViT behind a method's encoder; methods with `backbone: 'vit'` get one from the trainer. */
export function asVit(encoder: Encoder): VitEncoder {
  if ((encoder as Partial<VitEncoder>).kind !== 'vit') throw new Error('this method needs the ViT backbone (backbone: "vit" in its spec)');
  return encoder as VitEncoder;
}

/** ViT options from a method's knobs (patchSize, vitDim, vitDepth, vitHeads, pool), defaults where absent. */
export function vitSizesFromParams(params: Readonly<Record<string, unknown>>): Pick<VitOptions, 'patchSize' | 'dim' | 'depth' | 'heads' | 'pool'> {
  const num = (name: 'patchSize' | 'vitDim' | 'vitDepth' | 'vitHeads') => {
    const v = params[name];
    return typeof v === 'number' ? v : VIT_KNOB_DEFAULTS[name];
  };
  const pool = params.pool === 'cls' || params.pool === 'mean' ? params.pool : VIT_KNOB_DEFAULTS.pool;
  return { patchSize: num('patchSize'), dim: num('vitDim'), depth: num('vitDepth'), heads: num('vitHeads'), pool };
}
