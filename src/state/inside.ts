import type { InsideReading } from '../core/eval/inside/types';

/** Earlier spectra kept for the spectrum chart's faint trail. */
export const SPECTRUM_TRAIL = 8;

export interface InsideState {
  latest: InsideReading;
  /** Spectra of earlier readings, oldest first, at most SPECTRUM_TRAIL. */
  trail: { step: number; singularValues: Float32Array }[];
}

/** Adds a reading. Step 0 opens a new run (or a restart), so it drops what came before. */
export function withReading(state: InsideState | null, reading: InsideReading): InsideState {
  if (!state || reading.step === 0 || reading.step <= state.latest.step) return { latest: reading, trail: [] };
  const previous = { step: state.latest.step, singularValues: state.latest.singularValues };
  return { latest: reading, trail: [...state.trail, previous].slice(-SPECTRUM_TRAIL) };
}
