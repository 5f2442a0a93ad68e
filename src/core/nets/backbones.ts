import type { BackboneKind } from '../config/methods';
import { createConvEncoder, type Encoder } from './convnet';
import { createVitEncoder, vitSizesFromParams } from './vit';

/**
 * The encoders a method can ask for (its spec's `backbone`). Every one maps B×H×W×C images to
 * B×D features, which is all the probe and the collapse metrics need.
 */
export type { BackboneKind };

export function createBackbone(kind: BackboneKind, opts: { channels: number; height: number; width: number; encoderWidth: number; depth: number; batchNorm: boolean; seed: number; params: Record<string, unknown> }): Encoder {
  switch (kind) {
    case 'convnet':
      return createConvEncoder({ channels: opts.channels, width: opts.encoderWidth, depth: opts.depth, batchNorm: opts.batchNorm, seed: opts.seed, ...encoderNormFromParams(opts.params) });
    case 'vit':
      // Sizes come from the method's knobs (patchSize, vitDim, vitDepth, vitHeads); `width` is the
      // ConvNet's and does not apply, nor do depth and batchNorm.
      return createVitEncoder({ channels: opts.channels, height: opts.height, width: opts.width, seed: opts.seed, ...vitSizesFromParams(opts.params) });
  }
}

/**
 * A method knob that reaches into the encoder: BYOL's headNorm = gn-ws-all puts GroupNorm + weight
 * standardisation in the encoder as well as the heads (Richemond et al. 2020), overriding batchNorm.
 */
export function encoderNormFromParams(params: Record<string, unknown>): { norm?: 'gn-ws' } {
  return params.headNorm === 'gn-ws-all' ? { norm: 'gn-ws' } : {};
}
