/** What several methods share: views, fixed images, target networks. Losses are in ../../losses, heads in ../../nets/heads. */
export { smallCropsOf, twoViews } from './views';
export { fixedImages } from './fixedImages';
export { createTargetNetwork, twinPairs, type TargetNetwork, type Twinnable } from './target';
