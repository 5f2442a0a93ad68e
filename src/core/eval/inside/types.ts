/**
 * What the "see inside" panels draw, measured in the worker at the metrics cadence and sent as plain
 * typed arrays (transferred, not copied). tfjs-free, so the UI can import it.
 */

/** Neighbours listed per evaluation image (the grid shows 8 queries × 8 neighbours). */
export const NEIGHBOURS = 8;

/** One feature space of the evaluation images, with what the map and the grid draw from it. */
export interface FeatureSpace {
  /** Width of a feature row. */
  dim: number;
  /** Row-major n×dim features, l2-normalised (for UMAP, computed on demand off the main thread). */
  features: Float32Array;
  /** n×2: the normalised rows on their top two principal components (inside the unit disc). */
  pca: Float32Array;
  /** n×NEIGHBOURS: each image's nearest others by cosine, most similar first. */
  neighbours: Int32Array;
}

export type SpaceKey = 'embedding' | 'backbone';

/** The evaluation images (the collapse sample, from probe-test), sent once per run. */
export interface EvalImages {
  count: number;
  height: number;
  width: number;
  channels: number;
  labels: Uint8Array;
  /** count×H×W×C bytes. */
  pixels: Uint8Array;
}

export interface InsideReading {
  step: number;
  /** Centred singular values of the embedding on the evaluation images, largest first (DESIGN.md). */
  singularValues: Float32Array;
  /** Values the model graph shows that are not history metrics: tau, the current EMA rate. */
  live: { tau?: number };
  /** The method's embedding (what the loss acts on) and the backbone's features, same images, same order. */
  spaces: Record<SpaceKey, FeatureSpace>;
  /** With the step-0 reading only. */
  images?: EvalImages;
}

/** The buffers of a reading, for postMessage's transfer list. */
export function insideTransferables(r: InsideReading): ArrayBuffer[] {
  const spaces = Object.values(r.spaces).flatMap((s) => [s.features.buffer, s.pca.buffer, s.neighbours.buffer]);
  const images = r.images ? [r.images.labels.buffer, r.images.pixels.buffer] : [];
  return [r.singularValues.buffer, ...spaces, ...images] as ArrayBuffer[];
}
