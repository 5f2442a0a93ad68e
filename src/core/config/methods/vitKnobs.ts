import type { Knob } from '../knobs';

/**
 * The tiny ViT's size knobs (src/core/nets/vit.ts), shared by every method on the ViT backbone
 * (mae, msn) with the same names and meaning; only the help text cites each method's paper. The
 * trainer reads them when it builds the encoder (nets/backbones.ts), so a method without them gets
 * these defaults. Defaults keep a WASM step around a second at batch 64: 4 px patches make a 7×7 grid
 * on 28 px digits, the grid ViT-B/16 has on 112 px (ImageNet's 224 px gives 14×14).
 */
export const VIT_KNOB_DEFAULTS = { patchSize: 4, vitDim: 64, vitDepth: 4, vitHeads: 4, pool: 'mean' } as const;

/** The knobs above that came after format v3 with the old behaviour as default (config/addedKnobs.ts). */
export const ADDED_VIT_KNOBS = ['pool'] as const;

export interface VitPaperValues {
  /** e.g. "MAE: ViT-L/16, 16 px patches of 224 px images". */
  model: string;
  dim: string;
  depth: string;
  heads: string;
  /** Where the paper reads its features, e.g. "paper: [CLS] token". */
  pool: string;
}

export function vitKnobs(paper: VitPaperValues) {
  const d = VIT_KNOB_DEFAULTS;
  return [
    { name: 'patchSize', label: 'ViT patch size', kind: 'int', default: d.patchSize, min: 2, max: 14, help: `Side of the square patches the ViT reads as tokens (${paper.model}). 4 px gives 49 patches of a 28 px digit, 7 px gives 16; a size that does not divide the image uses its central part.` },
    { name: 'vitDim', label: 'ViT width', kind: 'int', default: d.vitDim, min: 8, max: 256, step: 4, help: `Token width D, also the feature size the probe reads (${paper.dim}). Multiples of 4 use every dimension of the sin-cos position code.` },
    { name: 'vitDepth', label: 'ViT depth', kind: 'int', default: d.vitDepth, min: 1, max: 12, help: `Transformer blocks in the encoder (${paper.depth}).` },
    { name: 'vitHeads', label: 'ViT heads', kind: 'int', default: d.vitHeads, min: 1, max: 16, help: `Attention heads per block; each head is about D/heads wide (${paper.heads}).` },
    { name: 'pool', label: 'ViT features', kind: 'enum', default: d.pool, options: ['mean', 'cls'], help: `The ViT’s feature, for every read (probe, kNN, metrics) and for MSN’s anchors and targets: mean, the average of the output tokens (no [CLS] token; MAE finds it as good, He et al. 2022, App. A.1); cls, the output of a learned [CLS] token put before the patch tokens (${paper.pool}).` },
  ] as const satisfies readonly Knob[];
}
