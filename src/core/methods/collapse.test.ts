import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerMissingKernels } from '../backend/kernels';
import { syntheticDataset } from '../train/testing';
import { trainSteps } from './testing';

/**
 * The classroom demonstration as a test: the non-contrastive methods collapse without the piece
 * their papers credit for avoiding it, and not with it. Each pair shares data, seed, steps and
 * learning rate; only the switch differs.
 *
 * Measured on the trainer's held-out collapse images (unaugmented, from probe-test) as the std of
 * the l2-normalised embedding (SimSiam, Chen & He 2021, §4.1): 0 for a collapsed embedding, about
 * 1/√d when rows spread over the sphere. Bounds: collapsed below 0.2/√d, healthy above 0.5/√d.
 *
 * Why these settings: at width 4, batch 16 and d = 8, 30 steps at lr 0.03 (BYOL) and 0.05 (SimSiam)
 * bring the collapsing arms to 0.06/√d and 0.08/√d while the healthy arms stay at 0.61/√d and
 * 0.94/√d (seed 1). At lr 0.03 SimSiam without stop-gradient is still at 0.27/√d after 40 steps:
 * its output BatchNorm keeps the features spread until its scale γ has shrunk. Full BYOL at lr 0.05
 * ends near 0.54/√d, too close to its bound, hence a pair-specific rate. Training is seeded, so the
 * numbers repeat run to run on the CPU backend.
 */
const STEPS = 30;
const HEADS = 'projHidden=16&projDim=8';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerMissingKernels('cpu');
});

/** std of the l2-normalised embedding on held-out images, times √d (1 = spread, 0 = collapsed). */
async function spreadAfterTraining(query: string): Promise<{ spread: number; losses: number[] }> {
  const { trainer, losses } = await trainSteps(query, STEPS, syntheticDataset(240));
  const metrics = await trainer.collapseMetrics();
  const std = (await metrics.l2NormalizedStd.data())[0];
  tf.dispose(Object.values(metrics));
  const spread = std * Math.sqrt(trainer.embeddingDim);
  trainer.dispose();
  return { spread, losses };
}

describe('collapse: the switch each paper credits decides it', () => {
  it('BYOL without predictor and without EMA target collapses; full BYOL does not (Grill et al. 2020, Table 5(b))', async () => {
    const collapsed = await spreadAfterTraining(`method=byol&${HEADS}&lr=0.03&predictor=0&ema=0`);
    const full = await spreadAfterTraining(`method=byol&${HEADS}&lr=0.03`);
    expect(collapsed.spread).toBeLessThan(0.2);
    // Collapse is the trivial solution: the loss (0 at perfect agreement) is reached.
    expect(collapsed.losses.at(-1)!).toBeLessThan(0.05);
    expect(full.spread).toBeGreaterThan(0.5);
  }, 300_000);

  it('SimSiam without stop-gradient collapses, its loss at −1; with it, it does not (Chen & He 2021, Fig. 2)', async () => {
    const collapsed = await spreadAfterTraining(`method=simsiam&${HEADS}&predHidden=4&lr=0.05&stopGrad=0`);
    const full = await spreadAfterTraining(`method=simsiam&${HEADS}&predHidden=4&lr=0.05`);
    expect(collapsed.spread).toBeLessThan(0.2);
    expect(collapsed.losses.at(-1)!).toBeLessThan(-0.95);
    expect(full.spread).toBeGreaterThan(0.5);
  });
});
