import { GLOBAL_KNOBS } from './globalKnobs';
import type { ExperimentConfig } from './schema';

const minOf = (name: 'n' | 'probeTrain' | 'probeTest' | 'batch'): number => {
  const knob = GLOBAL_KNOBS.find((k) => k.name === name);
  return knob && 'min' in knob ? knob.min : 1;
};

/** Fewest images a dataset needs: the smallest unlabelled set and two probe sets. */
export const MIN_DATASET_IMAGES = minOf('n') + minOf('probeTrain') + minOf('probeTest');

type Sizes = Pick<ExperimentConfig, 'n' | 'probeTrain' | 'probeTest' | 'batch'>;

/**
 * Subset sizes that fit a dataset of `count` images: unchanged when they fit; otherwise each probe set
 * keeps at most a fifth of the images and the unlabelled set takes the rest (batch ≤ n). For a user's
 * dataset, whose size is only known once imported. Null when even the minimum sizes do not fit.
 */
export function fitSubsetSizes<C extends Sizes>(cfg: C, count: number): C | null {
  if (count < MIN_DATASET_IMAGES) return null;
  if (cfg.n + cfg.probeTrain + cfg.probeTest <= count) return cfg;
  const fifth = Math.floor(count / 5);
  const probeTest = Math.max(minOf('probeTest'), Math.min(cfg.probeTest, fifth));
  const probeTrain = Math.max(minOf('probeTrain'), Math.min(cfg.probeTrain, fifth));
  const n = count - probeTest - probeTrain;
  return { ...cfg, n, probeTrain, probeTest, batch: Math.max(minOf('batch'), Math.min(cfg.batch, n)) };
}
