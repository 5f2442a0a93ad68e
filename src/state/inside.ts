import type { EvalImages, InsideReading, SpaceKey } from '../core/eval/inside/types';

/** Earlier spectra kept for the spectrum chart's faint trail. */
export const SPECTRUM_TRAIL = 8;

export type Projection = 'pca' | 'umap';

export interface UmapState {
  /** The reading and space it was computed from. */
  step: number;
  space: SpaceKey;
  status: 'running' | 'done' | 'error';
  points?: Float32Array;
  error?: string;
}

export interface InsideState {
  latest: InsideReading;
  /** Spectra of earlier readings, oldest first, at most SPECTRUM_TRAIL. */
  trail: { step: number; singularValues: Float32Array }[];
  /** The evaluation images, from the run's step-0 reading. */
  images: EvalImages | null;
  /** Which features the map and the neighbour grid show. */
  space: SpaceKey;
  projection: Projection;
  umap: UmapState | null;
  /** Evaluation-image index of each neighbour-grid row's query; null: the seeded default. */
  queries: number[] | null;
}

/** Adds a reading. Step 0 opens a new run (or a restart): it drops the trail, the UMAP and the chosen queries. */
export function withReading(state: InsideState | null, reading: InsideReading): InsideState {
  const fresh = !state || reading.step === 0 || reading.step <= state.latest.step;
  if (fresh) {
    return { latest: reading, trail: [], images: reading.images ?? null, space: state?.space ?? 'embedding', projection: 'pca', umap: null, queries: null };
  }
  const previous = { step: state.latest.step, singularValues: state.latest.singularValues };
  return { ...state, latest: reading, trail: [...state.trail, previous].slice(-SPECTRUM_TRAIL) };
}
