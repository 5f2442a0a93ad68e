/**
 * What the "see inside" panels draw, measured in the worker at the metrics cadence and sent as plain
 * typed arrays (transferred, not copied). tfjs-free, so the UI can import it.
 */
export interface InsideReading {
  step: number;
  /** Centred singular values of the embedding on the collapse sample, largest first (DESIGN.md). */
  singularValues: Float32Array;
}

/** The buffers of a reading, for postMessage's transfer list. */
export function insideTransferables(r: InsideReading): ArrayBuffer[] {
  return [r.singularValues.buffer as ArrayBuffer];
}
