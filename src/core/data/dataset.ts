import { DATASETS, type BuiltInDatasetKey } from '../config/datasets';
import { mulberry32, mixSeed, permutation } from '../random';

/** Images as uint8 pixels, row-major H×W×C per image, plus uint8 labels. Host memory only. */
export interface ImageDataset {
  key: string;
  count: number;
  height: number;
  width: number;
  channels: number;
  classes: number;
  pixels: Uint8Array;
  labels: Uint8Array;
  /**
   * Further label sets, one per generative factor (Shapes: shape, colour, size, …): the trainer runs
   * a linear probe for each. `labels` is the primary one.
   */
  factors?: DatasetFactor[];
}

export interface DatasetFactor {
  name: string;
  classes: number;
  labels: Uint8Array;
}

/** Index lists into one ImageDataset; the three sets are disjoint. */
export interface DataSplits {
  unlabelled: Int32Array;
  probeTrain: Int32Array;
  probeTest: Int32Array;
}

/** Builds a dataset from the binary assets written by scripts/prepare-data.mjs, checking sizes. */
export function datasetFromBytes(key: BuiltInDatasetKey, pixels: Uint8Array, labels: Uint8Array): ImageDataset {
  const spec = DATASETS[key];
  const per = spec.height * spec.width * spec.channels;
  if (pixels.length !== spec.count * per) {
    throw new Error(`${key}: expected ${spec.count * per} pixel bytes, got ${pixels.length} (rerun \`npm run prepare-data\`)`);
  }
  if (labels.length !== spec.count) throw new Error(`${key}: expected ${spec.count} labels, got ${labels.length}`);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= spec.classes) throw new Error(`${key}: label ${labels[i]} at ${i} is not below ${spec.classes}`);
  }
  return { key, count: spec.count, height: spec.height, width: spec.width, channels: spec.channels, classes: spec.classes, pixels, labels };
}

/**
 * Seeded disjoint split: probe-test first, then probe-train, then the unlabelled subset, all from one
 * permutation. Probe sets depend only on the seed and their sizes, so changing n does not move them.
 */
export function makeSplits(count: number, sizes: { n: number; probeTrain: number; probeTest: number }, seed: number): DataSplits {
  const total = sizes.n + sizes.probeTrain + sizes.probeTest;
  if (total > count) throw new Error(`n + probeTrain + probeTest = ${total} exceeds the ${count} images available`);
  const perm = permutation(count, mulberry32(mixSeed(seed, 0x5b1d)));
  const probeTest = perm.slice(0, sizes.probeTest);
  const probeTrain = perm.slice(sizes.probeTest, sizes.probeTest + sizes.probeTrain);
  const unlabelled = perm.slice(sizes.probeTest + sizes.probeTrain, total);
  return { unlabelled, probeTrain, probeTest };
}

/** Copies the chosen images into one float32 buffer in [0, 1] (B×H×W×C), ready for tf.tensor4d. */
export function gatherFloat(ds: ImageDataset, indices: ArrayLike<number>): Float32Array {
  const per = ds.height * ds.width * ds.channels;
  const out = new Float32Array(indices.length * per);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i] * per;
    for (let p = 0; p < per; p++) out[i * per + p] = ds.pixels[src + p] / 255;
  }
  return out;
}

export function gatherLabels(ds: ImageDataset, indices: ArrayLike<number>): Int32Array {
  const out = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = ds.labels[indices[i]];
  return out;
}
