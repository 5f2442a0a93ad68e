import type { MethodKey } from '../config/methods';

/**
 * One tiny experiment per method for the tests that run every method (same losses as recorded,
 * WASM agrees with CPU): small heads and crops so that a step takes a fraction of a second on CPU,
 * and the non-default switches that reach the most code (MoCo v2's MLP head and blur, the
 * adversarial inpainting term, focal views). Appended to methods/testing.ts's TINY_QUERY.
 */
export const TINY_METHOD_QUERIES: Record<MethodKey, string> = {
  context: 'clsHidden=16&lr=0.003',
  jigsaw: 'permutations=10&clsHidden=16&lr=0.003',
  inpainting: 'advWeight=0.1&holeOverlap=1&lr=0.003',
  rotation: 'rotAugment=1&lr=0.003',
  moco: 'mocoVersion=v2&projHidden=16&projDim=8&queueSize=48&lr=0.003',
  simclr: 'projHidden=16&projDim=8&lr=0.003',
  byol: 'projHidden=16&projDim=8&lr=0.003',
  simsiam: 'projHidden=16&projDim=8&predHidden=4&lr=0.003',
  barlowtwins: 'projHidden=16&projDim=8&lambda=0.1&lr=0.003',
  vicreg: 'projHidden=16&projDim=8&lr=0.003',
  deepcluster: 'k=10&pcaDim=8&kmeansIters=5&clusterEvery=2&lr=0.003',
  swav: 'prototypes=8&projHidden=16&projDim=8&smallCrops=2&smallSize=10&lr=0.003',
  dino: 'outDim=32&projHidden=16&bottleneckDim=8&smallCrops=2&smallSize=10&lr=0.003',
  mae: 'vitDim=8&vitDepth=1&vitHeads=2&decoderDim=8&lr=0.003',
  supervised: 'lr=0.003',
  msn: 'vitDim=8&vitDepth=1&vitHeads=2&projHidden=16&projDim=8&prototypes=8&focalViews=2&lr=0.003',
};
