/**
 * The loss contract of DESIGN.md: pure functions of tensors, row = sample, each returning a scalar
 * and leaving nothing else allocated. One file per loss or family.
 */
export { stopGradient } from './stopGradient';
export { l2Normalize, rowCosine } from './util';
export { ntXent } from './ntXent';
export { infoNCE } from './infoNCE';
export { byolLoss, negativeCosine } from './cosine';
export { sinkhorn, swavLoss, swappedPrediction, type SwavLossOptions } from './swav';
export { crossEntropy } from './crossEntropy';
export { barlowTwinsLoss, crossCorrelation, onDiagonalTerm, offDiagonalTerm } from './barlowTwins';
export { vicregLoss, invarianceLoss, varianceLoss, covarianceLoss, VICREG_DEFAULTS, type VicregLossOptions } from './vicreg';
export { dinoLoss, type DinoLossOptions } from './dino';
export { msnLoss, type MsnLossOptions } from './msn';
export { maeLoss } from './mae';
export { multiCropMean, multiCropPairs } from './multiCrop';
