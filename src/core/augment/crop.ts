import * as tf from '@tensorflow/tfjs-core';
import { mixSeed, mulberry32, type Rng } from '../random';

/**
 * Random resized crop (+ optional horizontal flip): with colour distortion, the augmentation SimCLR
 * (Chen et al. 2020, §3 and Fig. 5) found to matter most. Boxes are drawn on the host from a
 * seeded stream, and the whole batch is cropped and resized in one `tf.image.cropAndResize`
 * (bilinear) call.
 */

// torchvision's RandomResizedCrop, which SimCLR uses: aspect ratio log-uniform in [3/4, 4/3] (the
// default range) and up to 10 tries to find a box that fits before falling back to the whole image.
export const DEFAULT_RATIO: readonly [number, number] = [3 / 4, 4 / 3];
const ATTEMPTS = 10;

// cropAndResize samples pixel centres x1·(W−1) … x2·(W−1) and writes its extrapolation value (0)
// for any sample past the last pixel. A box ending exactly on the edge can land an ulp outside in
// float32 and come back with a black row or column, so partial boxes stay this far inside. The
// whole-image span [0, 1] is kept exact: its arithmetic is exact, which makes crop-off and
// cropMin = cropMax = 1 an exact identity.
const EDGE = 1e-5;

// Independent streams, so that changing flipP does not move the boxes and vice versa.
const STREAM_BOX = 1;
const STREAM_FLIP = 2;

/** One box per sample as cropAndResize wants it: [y1, x1, y2, x2] normalised, row-major. */
export function sampleCropBoxes(
  batch: number,
  height: number,
  width: number,
  scaleMin: number,
  scaleMax: number,
  seed: number,
  flipP = 0,
  ratio: readonly [number, number] = DEFAULT_RATIO,
): Float32Array {
  const boxRng = mulberry32(mixSeed(seed, STREAM_BOX));
  const flipRng = mulberry32(mixSeed(seed, STREAM_FLIP));
  const boxes = new Float32Array(batch * 4);
  for (let b = 0; b < batch; b++) {
    const [y1, x1, y2, x2] = sampleBox(boxRng, height, width, scaleMin, scaleMax, ratio);
    // A flip is the same box read right to left: cropAndResize accepts x1 > x2 (checked in the tests
    // against tf.reverse), so flipping costs nothing beyond the crop.
    const flip = flipRng() < flipP;
    boxes.set([y1, flip ? x2 : x1, y2, flip ? x1 : x2], b * 4);
  }
  return boxes;
}

/**
 * One box as torchvision draws it, in continuous normalised coordinates rather than whole pixels.
 * Area fraction `a` uniform in [scaleMin, scaleMax], aspect ratio r (width/height in pixels)
 * log-uniform; a box that does not fit is redrawn. With a = 1 only r = 1 fits, so the
 * fallback — the whole image — is what cropMin = cropMax = 1 returns: an exact identity.
 */
function sampleBox(rng: Rng, height: number, width: number, scaleMin: number, scaleMax: number, [ratioMin, ratioMax]: readonly [number, number]): [number, number, number, number] {
  const logMin = Math.log(ratioMin);
  const logMax = Math.log(ratioMax);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const area = scaleMin + (scaleMax - scaleMin) * rng();
    const ratio = Math.exp(logMin + (logMax - logMin) * rng());
    // Fractions of each side: (w·W)·(h·H) = a·W·H and (w·W)/(h·H) = r.
    const w = Math.sqrt((area * ratio * height) / width);
    const h = Math.sqrt((area * width) / (ratio * height));
    if (w <= 1 && h <= 1) {
      const x1 = rng() * (1 - w);
      const y1 = rng() * (1 - h);
      const [ya, yb] = span(y1, h);
      const [xa, xb] = span(x1, w);
      return [ya, xa, yb, xb];
    }
  }
  // torchvision's fallback: the whole image, or a centred box of the extreme allowed ratio when the
  // image itself is more elongated than 4/3.
  const inRatio = width / height;
  if (inRatio < ratioMin) {
    const h = inRatio / ratioMin;
    const [ya, yb] = span((1 - h) / 2, h);
    return [ya, 0, yb, 1];
  }
  if (inRatio > ratioMax) {
    const w = ratioMax / inRatio;
    const [xa, xb] = span((1 - w) / 2, w);
    return [0, xa, 1, xb];
  }
  return [0, 0, 1, 1];
}

/** [start, start + size] clipped inside the image; the full span stays exactly [0, 1] (see EDGE). */
function span(start: number, size: number): [number, number] {
  if (size >= 1) return [0, 1];
  const a = Math.min(Math.max(start, EDGE), 1 - EDGE);
  const b = Math.min(Math.max(start + size, EDGE), 1 - EDGE);
  return [a, b];
}

/**
 * Crops every image at a random box of area fraction in [scaleMin, scaleMax] (aspect log-uniform in
 * [3/4, 4/3]) and resizes it to outSize × outSize, mirroring each with probability flipP. Small
 * outSize gives the low-resolution crops of multi-crop (SwAV, DINO).
 */
export function randomResizedCrop(
  images: tf.Tensor4D,
  outSize: number,
  scaleMin: number,
  scaleMax: number,
  seed: number,
  flipP = 0,
): tf.Tensor4D {
  return cropBatch(images, [outSize, outSize], sampleCropBoxes(images.shape[0], images.shape[1], images.shape[2], scaleMin, scaleMax, seed, flipP));
}

/** cropAndResize of sample b at boxes[b]; bilinear, as torchvision's default. */
export function cropBatch(images: tf.Tensor4D, size: [number, number], boxes: Float32Array): tf.Tensor4D {
  const batch = images.shape[0];
  return tf.tidy(() => {
    const boxInd = tf.tensor1d(Int32Array.from({ length: batch }, (_, i) => i), 'int32');
    return tf.image.cropAndResize(images, tf.tensor2d(boxes, [batch, 4]), boxInd, size, 'bilinear');
  });
}
