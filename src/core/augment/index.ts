export { augmentBatch } from './augmentBatch';
export { randomResizedCrop, sampleCropBoxes, cropBatch } from './crop';
export { rotate90 } from './rotate';
export { colorJitter } from './jitter';
export { gaussianBlur, gaussianTaps, MIN_BLUR_SIGMA } from './blur';
export { gaussianNoise } from './noise';
export { patchGrid, jitteredCorners, cellRequests, extractPatches, GRID_CELLS, CENTRE_CELL, MIN_PATCH, type PatchGrid, type PatchRequests } from './patches';
export { samplePatchMasks, firstMasks, hiddenCount, gridKeptCount, MASK_TYPES, type MaskType, type PatchMasks } from './masks';
export { multiCrop, type MultiCropOptions, type MultiCropViews } from './multiCrop';
