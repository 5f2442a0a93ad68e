import * as tf from '@tensorflow/tfjs-core';
import type { AugmentConfig } from '../config/schema';
import { mixSeed } from '../random';
import { MIN_BLUR_SIGMA, gaussianBlur } from './blur';
import { cropBatch, sampleCropBoxes } from './crop';
import { colorJitter } from './jitter';
import { gaussianNoise } from './noise';

// One stream per op, so toggling one augmentation leaves the draws of the others unchanged.
const STREAM_CROP = 1;
const STREAM_JITTER = 2;
const STREAM_BLUR = 3;
const STREAM_NOISE = 4;

/**
 * One random view of each image, SimCLR's pipeline order (Chen et al. 2020, Appendix A): random
 * resized crop + horizontal flip, colour (here brightness/contrast) jitter, Gaussian blur with p = ½,
 * then additive noise and a final clip to [0, 1]. images: B×H×W×C float32 in [0, 1]; returns the
 * same shape. Every random number comes from `seed`; nothing is read back from the device.
 *
 * Neutral strengths give the input back exactly: cropMin = cropMax = 1 (only the whole image has
 * area 1, so its aspect ratio is 1), flipP = 0, jitterStrength = 0, blurSigma < 0.1, noiseStd = 0.
 */
export function augmentBatch(images: tf.Tensor4D, aug: AugmentConfig, seed: number): tf.Tensor4D {
  const [batch, height, width] = images.shape;
  return tf.tidy(() => {
    let x: tf.Tensor4D = images;
    const flipP = aug.flip ? aug.flipP : 0;
    if (aug.crop || flipP > 0) {
      // Crop off but flip on: whole-image boxes, mirrored where drawn — still one kernel.
      const [lo, hi] = aug.crop ? [aug.cropMin, aug.cropMax] : [1, 1];
      x = cropBatch(x, [height, width], sampleCropBoxes(batch, height, width, lo, hi, mixSeed(seed, STREAM_CROP), flipP));
    }
    if (aug.jitter && aug.jitterStrength > 0) x = colorJitter(x, aug.jitterStrength, mixSeed(seed, STREAM_JITTER));
    if (aug.blur && aug.blurSigma >= MIN_BLUR_SIGMA) x = gaussianBlur(x, aug.blurSigma, mixSeed(seed, STREAM_BLUR));
    if (aug.noise && aug.noiseStd > 0) x = gaussianNoise(x, aug.noiseStd, mixSeed(seed, STREAM_NOISE));
    // The final clip; it also hands back a fresh tensor when every toggle is off, so the caller can
    // dispose the view without disposing its input.
    return tf.clipByValue(x, 0, 1);
  });
}
