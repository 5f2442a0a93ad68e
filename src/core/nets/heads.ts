import { groupCount } from './groupNormWs';
import type { Block } from './mlp';

/**
 * Every head the methods use, as block tables (lightly's habit: one row per layer, (in, out, BN, ReLU)),
 * each with the paper it follows. createMlp builds any of them; a table names its layers fc0, fc1, …
 * so a twin built from the same table pairs up by name (methods/shared/target.ts).
 */

/** A single linear layer: rotation's classifier (Gidaris et al. 2018), DeepCluster's cluster head. */
export function linearBlocks(inDim: number, out: number): Block[] {
  return [{ in: inDim, out, batchNorm: false, relu: false }];
}

/** The usual 2-layer projector: Linear–BN–ReLU–Linear (SimCLR, Chen et al. 2020, §2.1; BYOL's projector and predictor, SwAV's). */
export function projectorBlocks(inDim: number, hidden: number, out: number): Block[] {
  return [
    { in: inDim, out: hidden, batchNorm: true, relu: true },
    { in: hidden, out, batchNorm: false, relu: false },
  ];
}

/** How BYOL's heads normalise their hidden layer (the byol knob headNorm). */
export type ByolHeadNorm = 'bn' | 'projector-bn' | 'predictor-bn' | 'none' | 'gn-ws' | 'gn-ws-all';

/**
 * BYOL's projector or predictor: Linear–norm–ReLU–Linear, the norm chosen by `headNorm` for the
 * debate over whether BYOL avoids collapse only through BatchNorm's batch statistics: bn in both
 * (the paper), in one only, in neither, or GroupNorm + weight standardisation in both, the authors'
 * answer (Richemond et al. 2020, "BYOL works even without batch statistics": GN with 16 groups and
 * WS; here gcd(hidden, 16) groups so any width works). gn-ws-all: the same heads, and the encoder's
 * BatchNorm replaced as well (nets/backbones.ts encoderNormFromParams), the network of that paper.
 */
export function byolHeadBlocks(part: 'projector' | 'predictor', headNorm: ByolHeadNorm, inDim: number, hidden: number, out: number): Block[] {
  if (headNorm === 'gn-ws' || headNorm === 'gn-ws-all') {
    return [
      { in: inDim, out: hidden, batchNorm: false, relu: true, groupNorm: groupCount(hidden), weightStandardization: true },
      { in: hidden, out, batchNorm: false, relu: false },
    ];
  }
  const batchNorm = headNorm === 'bn' || headNorm === `${part}-bn`;
  return [
    { in: inDim, out: hidden, batchNorm, relu: true },
    { in: hidden, out, batchNorm: false, relu: false },
  ];
}

/**
 * A 3-layer projector, BN and ReLU after the hidden two: Barlow Twins' "expander" (Zbontar et al.
 * 2021, §2), VICReg's (Bardes et al. 2022, §4.1), and MSN's projection head (Assran et al. 2022,
 * their `init_model`: Linear–BN–GELU twice then Linear; ReLU here).
 */
export function expanderBlocks(inDim: number, hidden: number, out: number): Block[] {
  return [
    { in: inDim, out: hidden, batchNorm: true, relu: true },
    { in: hidden, out: hidden, batchNorm: true, relu: true },
    { in: hidden, out, batchNorm: false, relu: false },
  ];
}

/** SimSiam's projector (Chen & He 2021, §3): 3 fc layers, BN on every one including the output, ReLU on the hidden two. */
export function simsiamProjectorBlocks(inDim: number, hidden: number, out: number): Block[] {
  return [
    { in: inDim, out: hidden, batchNorm: true, relu: true },
    { in: hidden, out: hidden, batchNorm: true, relu: true },
    // The paper's output BN has no affine parameters; ours has γ, β (createMlp's BN), a harmless superset.
    { in: hidden, out, batchNorm: true, relu: false },
  ];
}

/** SimSiam's predictor (§3): a bottleneck, fc–BN–ReLU to `hidden`, then a plain fc back to `dim`. */
export function simsiamPredictorBlocks(dim: number, hidden: number): Block[] {
  return [
    { in: dim, out: hidden, batchNorm: true, relu: true },
    { in: hidden, out: dim, batchNorm: false, relu: false },
  ];
}

/**
 * MoCo's head. linear (v1): one linear layer gives the key (the encoder's fc, He et al. 2020, §3.3); v2: a
 * 2-layer MLP with ReLU (Chen et al. 2020, Table 1). Both carry a BatchNorm the papers' heads lack:
 * their ResNet has BN and our encoder has none, so features start nearly parallel and, without BN,
 * every InfoNCE logit starts equal. MoCo v3 (Chen, Xie & He 2021) likewise puts BN in its MLP heads.
 */
export function mocoHeadBlocks(head: 'linear' | 'mlp', inDim: number, hidden: number, out: number): Block[] {
  return head === 'linear' ? [{ in: inDim, out, batchNorm: true, relu: false }] : projectorBlocks(inDim, hidden, out);
}

/**
 * The classifier on concatenated patch features of the pretext tasks: fc–BN–ReLU then fc to the
 * classes (context prediction, Doersch et al. 2015: fc7 on AlexNet features; jigsaw, Noroozi &
 * Favaro 2016: fc7 on the 9 tiles' fc6 features).
 */
export function classifierBlocks(inDim: number, hidden: number, classes: number): Block[] {
  return projectorBlocks(inDim, hidden, classes);
}

/**
 * The MLP of DINO's head (Caron et al. 2021, §3.1 and appendix; the authors' DINOHead): hidden, hidden,
 * bottleneck; BatchNorm optional (their use_bn_in_head), ReLU for the paper's GELU.
 */
export function dinoHeadBlocks(inDim: number, hidden: number, bottleneck: number, batchNorm: boolean): Block[] {
  return [
    { in: inDim, out: hidden, batchNorm, relu: true },
    { in: hidden, out: hidden, batchNorm, relu: true },
    { in: hidden, out: bottleneck, batchNorm: false, relu: false },
  ];
}
