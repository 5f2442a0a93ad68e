import * as tf from '@tensorflow/tfjs-core';
import type { AugmentConfig } from '../config/schema';
import { mixSeed } from '../random';
import { MIN_BLUR_SIGMA, gaussianBlur } from './blur';
import { cropBatch, sampleCropBoxes } from './crop';
import { randomGrayscale, saturationHue, solarize } from './colour';
import { cutout } from './cutout';
import { colorJitter } from './jitter';
import { mixByMask, sampleMask } from './mask';
import { gaussianNoise } from './noise';

// One stream per op, so toggling one augmentation leaves the draws of the others unchanged.
const STREAM_CROP = 1;
const STREAM_JITTER = 2;
const STREAM_BLUR = 3;
const STREAM_NOISE = 4;
const STREAM_COLOUR = 5;
const STREAM_JITTER_P = 6;
const STREAM_GRAY = 7;
const STREAM_SOLARIZE = 8;
const STREAM_CUTOUT = 9;

/**
 * The pipeline of view `view` (0 or 1) of a two-view method: with `asymmetric`, BYOL's per-view
 * blur and solarize probabilities (Grill et al. 2020, Table 6: blur 1.0 / 0.1, solarize 0 / 0.2)
 * replace the config's; otherwise the config as it is.
 */
export function viewAug(aug: AugmentConfig, view: number): AugmentConfig {
  if (!aug.asymmetric) return aug;
  return view === 0 ? { ...aug, blurP: 1, solarizeP: 0 } : { ...aug, blurP: 0.1, solarizeP: 0.2 };
}

/**
 * One random view of each image, SimCLR's pipeline order (Chen et al. 2020, Appendix A): random
 * resized crop + horizontal flip, colour jitter (brightness/contrast, then on RGB saturation and
 * hue) with probability jitterP, random greyscale, Gaussian blur with probability blurP, then BYOL's
 * solarize, cutout, additive noise and a final clip to [0, 1]. images: B×H×W×C float32 in [0, 1];
 * returns the same shape. Every random number comes from `seed`; nothing is read back.
 *
 * Neutral strengths give the input back exactly: cropMin = cropMax = 1 (only the whole image has
 * area 1, so its aspect ratio is 1), flipP = 0, jitterStrength = saturation = hue = 0, grayP = 0,
 * blurSigma < 0.1, solarizeP = 0, cutoutSize = 0, noiseStd = 0. Colour ops need 3 channels and
 * leave greyscale images alone.
 */
export function augmentBatch(images: tf.Tensor4D, aug: AugmentConfig, seed: number): tf.Tensor4D {
  const [batch, height, width, channels] = images.shape;
  return tf.tidy(() => {
    let x: tf.Tensor4D = images;
    const flipP = aug.flip ? aug.flipP : 0;
    if (aug.crop || flipP > 0) {
      // Crop off but flip on: whole-image boxes, mirrored where drawn — still one kernel.
      const [lo, hi] = aug.crop ? [aug.cropMin, aug.cropMax] : [1, 1];
      const ratio = [Math.min(aug.cropRatioMin, aug.cropRatioMax), Math.max(aug.cropRatioMin, aug.cropRatioMax)] as const;
      x = cropBatch(x, [height, width], sampleCropBoxes(batch, height, width, lo, hi, mixSeed(seed, STREAM_CROP), flipP, ratio));
    }
    const rgb = channels === 3;
    if (aug.jitter && aug.jitterP > 0) {
      const before = x;
      let j = x;
      if (aug.jitterStrength > 0) j = colorJitter(j, aug.jitterStrength, mixSeed(seed, STREAM_JITTER));
      if (rgb && (aug.jitterSaturation > 0 || aug.jitterHue > 0)) j = saturationHue(j, aug.jitterSaturation, aug.jitterHue, mixSeed(seed, STREAM_COLOUR));
      // jitterP = 1 (format v1) draws no mask, so v1 pipelines keep their exact random streams.
      x = aug.jitterP < 1 ? mixByMask(before, j, sampleMask(batch, aug.jitterP, mixSeed(seed, STREAM_JITTER_P))) : j;
    }
    if (rgb && aug.gray && aug.grayP > 0) x = randomGrayscale(x, aug.grayP, mixSeed(seed, STREAM_GRAY));
    if (aug.blur && aug.blurSigma >= MIN_BLUR_SIGMA) x = gaussianBlur(x, aug.blurSigma, mixSeed(seed, STREAM_BLUR), aug.blurP, aug.blurSigmaMin);
    if (aug.solarize && aug.solarizeP > 0) x = solarize(x, aug.solarizeP, mixSeed(seed, STREAM_SOLARIZE));
    if (aug.cutout && aug.cutoutSize > 0 && aug.cutoutP > 0) x = cutout(x, aug.cutoutSize, aug.cutoutP, mixSeed(seed, STREAM_CUTOUT));
    if (aug.noise && aug.noiseStd > 0) x = gaussianNoise(x, aug.noiseStd, mixSeed(seed, STREAM_NOISE));
    // The final clip; it also hands back a fresh tensor when every toggle is off, so the caller can
    // dispose the view without disposing its input.
    return tf.clipByValue(x, 0, 1);
  });
}
