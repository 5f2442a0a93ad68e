export { augmentBatch } from './augmentBatch';
export { randomResizedCrop, sampleCropBoxes, cropBatch } from './crop';
export { rotate90 } from './rotate';
export { colorJitter } from './jitter';
export { gaussianBlur, gaussianTaps, MIN_BLUR_SIGMA } from './blur';
export { gaussianNoise } from './noise';
