import type { ExperimentConfig } from '../config/schema';
import { makeSplits, type DataSplits, type ImageDataset } from '../data/dataset';

/**
 * The labelled images a run is evaluated on (probe, kNN, fine-tune). Normally the training dataset's
 * own probe splits; with `evalDataset` set, another dataset's (transfer: pre-train on one domain,
 * evaluate on another, the lecture's "same domain vs a different one"). Its probe splits come from
 * makeSplits with the run's seed and sizes, so the worker and the runner draw the same images, and
 * evaluating on the training dataset itself gives exactly its own probe splits (they do not depend
 * on n). Its images are converted to the training images' size and channels: the encoder sees
 * images shaped as it was trained on (the ViT's patch grid requires it).
 */
export interface EvalData {
  dataset: ImageDataset;
  probeTrain: Int32Array;
  probeTest: Int32Array;
  /** Whether the evaluation images come from another dataset than the training ones. */
  crossDomain: boolean;
}

export function evaluationData(config: Pick<ExperimentConfig, 'evalDataset' | 'seed' | 'probeTrain' | 'probeTest'>, train: ImageDataset, splits: DataSplits, other?: ImageDataset): EvalData {
  if (config.evalDataset === 'same') return { dataset: train, probeTrain: splits.probeTrain, probeTest: splits.probeTest, crossDomain: false };
  if (!other || other.key !== config.evalDataset) throw new Error(`evalDataset ${config.evalDataset}: the evaluation dataset was not loaded (got ${other?.key ?? 'none'})`);
  const s = makeSplits(other.count, { n: 0, probeTrain: config.probeTrain, probeTest: config.probeTest }, config.seed);
  const indices = Int32Array.from([...s.probeTrain, ...s.probeTest]);
  const dataset = convertImages(other, indices, train);
  const a = s.probeTrain.length;
  return {
    dataset,
    probeTrain: Int32Array.from({ length: a }, (_, i) => i),
    probeTest: Int32Array.from({ length: s.probeTest.length }, (_, i) => a + i),
    crossDomain: other.key !== train.key,
  };
}

type Geometry = Pick<ImageDataset, 'height' | 'width' | 'channels'>;

/**
 * The chosen images of `ds` as a dataset of their own, resized (bilinear, pixel centres aligned as
 * tf.image.resizeBilinear with halfPixelCenters) and converted to `to`'s channels: grey to RGB by
 * repeating the plane, RGB to grey by BT.601 luma (as the augmentations' greyscale). Labels and
 * factor labels go with them, in the same order.
 */
export function convertImages(ds: ImageDataset, indices: Int32Array, to: Geometry): ImageDataset {
  const { height: h0, width: w0, channels: c0 } = ds;
  const { height: h1, width: w1, channels: c1 } = to;
  if (!(c1 === 1 || c1 === 3) || !(c0 === 1 || c0 === 3)) throw new Error(`evalDataset: cannot convert ${c0}-channel images to ${c1} channels`);
  const pixels = new Uint8Array(indices.length * h1 * w1 * c1);
  const grey = new Float32Array(3);
  for (let n = 0; n < indices.length; n++) {
    const src = indices[n] * h0 * w0 * c0;
    const at = (y: number, x: number, c: number) => ds.pixels[src + (y * w0 + x) * c0 + c];
    for (let y = 0; y < h1; y++) {
      const fy = Math.min(h0 - 1, Math.max(0, ((y + 0.5) * h0) / h1 - 0.5));
      const y0 = Math.floor(fy);
      const y1 = Math.min(h0 - 1, y0 + 1);
      const dy = fy - y0;
      for (let x = 0; x < w1; x++) {
        const fx = Math.min(w0 - 1, Math.max(0, ((x + 0.5) * w0) / w1 - 0.5));
        const x0 = Math.floor(fx);
        const x1 = Math.min(w0 - 1, x0 + 1);
        const dx = fx - x0;
        for (let c = 0; c < c0; c++) {
          const top = at(y0, x0, c) * (1 - dx) + at(y0, x1, c) * dx;
          const bottom = at(y1, x0, c) * (1 - dx) + at(y1, x1, c) * dx;
          grey[c] = top * (1 - dy) + bottom * dy;
        }
        const out = ((n * h1 + y) * w1 + x) * c1;
        if (c0 === c1) for (let c = 0; c < c1; c++) pixels[out + c] = Math.round(grey[c]);
        else if (c1 === 3) pixels.fill(Math.round(grey[0]), out, out + 3);
        else pixels[out] = Math.round(0.299 * grey[0] + 0.587 * grey[1] + 0.114 * grey[2]);
      }
    }
  }
  const pick = (labels: Uint8Array) => Uint8Array.from(indices, (i) => labels[i]);
  return {
    key: ds.key,
    count: indices.length,
    height: h1,
    width: w1,
    channels: c1,
    classes: ds.classes,
    pixels,
    labels: pick(ds.labels),
    ...(ds.factors ? { factors: ds.factors.map((f) => ({ ...f, labels: pick(f.labels) })) } : {}),
  };
}
