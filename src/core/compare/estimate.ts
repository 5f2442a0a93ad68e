import type { ExperimentConfig } from '../config/schema';

/** A measured training speed: steps/s at a batch size (the runner and the worker report it per run). */
export interface MeasuredSpeed {
  stepsPerSecond: number;
  batch: number;
}

/**
 * Rough training time of a set of runs from one measured speed: images per second are taken as
 * constant, so a run at twice the batch takes twice as long per step. Probes and metric readings
 * come on top. Null without a usable measurement.
 */
export function estimateSeconds(configs: readonly ExperimentConfig[], speed: MeasuredSpeed | null): number | null {
  if (!speed || !(speed.stepsPerSecond > 0) || !(speed.batch > 0)) return null;
  const imagesPerSecond = speed.stepsPerSecond * speed.batch;
  return configs.reduce((s, c) => s + (c.steps * c.batch) / imagesPerSecond, 0);
}
