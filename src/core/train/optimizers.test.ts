import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyConfig, trainSteps } from '../methods/testing';
import { syntheticDataset } from './testing';
import { Trainer } from './trainer';
import { createOptimizer, scheduledLearningRate, type OptimizerKind } from './optimizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * Each optimiser on loss = Σ c·w (gradient c, constant) plus, where set, its weight decay, for two
 * steps; the expected weights are worked out by hand from the update rules in optimizers.ts.
 */
const C = [0.5, -2];
const W0 = [1, -3];

async function twoSteps(kind: OptimizerKind, lr: number, weightDecay: number, w0 = W0, c = C, shape = [w0.length]): Promise<number[][]> {
  const w = tf.variable(tf.tensor(w0, shape));
  const cT = tf.tensor(c, shape);
  const opt = createOptimizer(kind, { learningRate: lr, weightDecay });
  const out: number[][] = [];
  for (let i = 0; i < 2; i++) {
    opt.minimize(() => tf.sum(tf.mul(cT, w)) as tf.Scalar, [w]).dispose();
    out.push(Array.from(await w.data()));
  }
  opt.dispose();
  tf.dispose([w, cT]);
  return out;
}

const close = (xs: number[]) => xs.map((x) => expect.closeTo(x, 6));

describe('optimisers against hand-computed steps', () => {
  it('adam: with a constant gradient m̂ = g and v̂ = g², so each step moves lr·g/(|g| + 1e-8)', async () => {
    const [s1, s2] = await twoSteps('adam', 0.1, 0);
    expect(s1).toEqual(close([1 - 0.1, -3 + 0.1]));
    expect(s2).toEqual(close([1 - 0.2, -3 + 0.2]));
  });

  it('adam with weight decay adds wd·w to the gradient (PyTorch Adam)', async () => {
    // Step 1: g1 = c + 0.5·w0 = (1, −3.5): moves −0.1·sign. w1 = (0.9, −2.9).
    // Step 2: g2 = c + 0.5·w1 = (0.95, −3.45); m = 0.09·g1 + 0.1·g2, v = 0.000999·g1² + 0.001·g2²,
    // bias-corrected by 1 − 0.9² = 0.19 and 1 − 0.999² = 0.001999.
    const [s1, s2] = await twoSteps('adam', 0.1, 0.5);
    expect(s1).toEqual(close([0.9, -2.9]));
    const g1 = [1, -3.5];
    const g2 = [0.95, -3.45];
    const step = (i: number) => {
      const mHat = (0.09 * g1[i] + 0.1 * g2[i]) / 0.19;
      const vHat = (0.000999 * g1[i] ** 2 + 0.001 * g2[i] ** 2) / 0.001999;
      return (0.1 * mHat) / (Math.sqrt(vHat) + 1e-8);
    };
    expect(s2).toEqual(close([0.9 - step(0), -2.9 - step(1)]));
  });

  it('adamw decays a matrix itself, w·(1 − lr·wd), and leaves the gradient to Adam; a vector (bias, γ, β) does not decay', async () => {
    const [s1, s2] = await twoSteps('adamw', 0.1, 0.5, W0, C, [1, 2]);
    expect(s1).toEqual(close([1 * 0.95 - 0.1, -3 * 0.95 + 0.1]));
    expect(s2).toEqual(close([s1[0] * 0.95 - 0.1, s1[1] * 0.95 + 0.1]));
    // The same numbers as a bias: plain Adam steps of lr·sign(g), no decay (MAE's and DINO's param groups).
    const [b1, b2] = await twoSteps('adamw', 0.1, 0.5);
    expect(b1).toEqual(close([1 - 0.1, -3 + 0.1]));
    expect(b2).toEqual(close([1 - 0.2, -3 + 0.2]));
  });

  it('beta2 sets the second-moment decay of adam and adamw: MAE’s β2 = 0.95 by hand on ½‖w‖²', async () => {
    // g = w, lr = 0.5. Step 1: m̂ = g, v̂ = g², so w1 = w0 − lr·sign(w0) = (0.5, −2.5) whatever β2.
    // Step 2: g2 = w1; m = 0.9·0.1·g1 + 0.1·g2, v = β2·(1 − β2)·g1² + (1 − β2)·g2², bias-corrected by
    // 1 − 0.9² and 1 − β2².
    const run = async (kind: OptimizerKind, beta2?: number) => {
      const w = tf.variable(tf.tensor([1, -3], [1, 2]));
      const opt = createOptimizer(kind, { learningRate: 0.5, weightDecay: 0, beta2 });
      const out: number[][] = [];
      for (let i = 0; i < 2; i++) {
        opt.minimize(() => tf.mul(0.5, tf.sum(tf.square(w))) as tf.Scalar, [w]).dispose();
        out.push(Array.from(await w.data()));
      }
      opt.dispose();
      w.dispose();
      return out;
    };
    const expected = (b2: number) => {
      const g1 = [1, -3];
      const g2 = [0.5, -2.5];
      return g2.map((w, i) => {
        const mHat = (0.09 * g1[i] + 0.1 * g2[i]) / (1 - 0.81);
        const vHat = (b2 * (1 - b2) * g1[i] ** 2 + (1 - b2) * g2[i] ** 2) / (1 - b2 * b2);
        return w - (0.5 * mHat) / (Math.sqrt(vHat) + 1e-8);
      });
    };
    for (const kind of ['adam', 'adamw'] as const) {
      const [s1, s2] = await run(kind, 0.95);
      expect(s1).toEqual(close([0.5, -2.5]));
      expect(s2).toEqual(close(expected(0.95)));
      // Unset means 0.999, and the two differ by far more than the tolerance (the test can fail).
      expect((await run(kind))[1]).toEqual(close(expected(0.999)));
      expect(Math.abs(expected(0.95)[0] - expected(0.999)[0])).toBeGreaterThan(1e-3);
    }
  });

  it('sgd: momentum 0.9 buffer b = 0.9·b + g; weight decay adds wd·w to g', async () => {
    const [s1, s2] = await twoSteps('sgd', 0.1, 0);
    expect(s1).toEqual(close([1 - 0.05, -3 + 0.2]));
    expect(s2).toEqual(close([1 - 0.05 - 0.1 * 1.9 * 0.5, -3 + 0.2 + 0.1 * 1.9 * 2]));
    const [d1] = await twoSteps('sgd', 0.1, 0.1);
    expect(d1).toEqual(close([1 - 0.1 * (0.5 + 0.1), -3 - 0.1 * (-2 - 0.3)]));
  });

  it('lars scales a matrix’s step by 0.001·‖w‖/‖g + wd·w‖ and leaves a vector (bias, γ, β) to plain momentum SGD', async () => {
    // W = [[3, 0], [0, 4]]: ‖W‖ = 5; c = [[0, 1], [1, 0]]: ‖c‖ = √2.
    const [m1] = await twoSteps('lars', 2, 0, [3, 0, 0, 4], [0, 1, 1, 0], [2, 2]);
    const trust = (0.001 * 5) / Math.SQRT2;
    expect(m1).toEqual(close([3, -2 * trust, -2 * trust, 4]));
    const [v1] = await twoSteps('lars', 0.1, 0.5);
    expect(v1).toEqual(close([1 - 0.05, -3 + 0.2]));
  });

  it('warm-up rises linearly to lr, then constant or half a cosine to 0 at the last step', () => {
    expect([1, 2, 3, 4, 5].map((s) => scheduledLearningRate(s, 10, 1, 4, 'constant'))).toEqual([0.25, 0.5, 0.75, 1, 1]);
    expect(scheduledLearningRate(4, 10, 1, 4, 'cosine')).toBe(1);
    expect(scheduledLearningRate(7, 10, 1, 4, 'cosine')).toBeCloseTo(0.5, 12);
    expect(scheduledLearningRate(10, 10, 1, 4, 'cosine')).toBeCloseTo(0, 12);
    expect(scheduledLearningRate(6, 11, 2, 0, 'cosine')).toBeCloseTo(2 * 0.5 * (1 + Math.cos(Math.PI * 6 / 11)), 12);
  });

  it('the trainer uses the chosen optimiser and schedule, leaks no tensor, and keeps a method’s own schedule when none is set', async () => {
    for (const optimizer of ['adamw', 'lars', 'sgd'] as const) {
      const { trainer, tensorCounts, losses } = await trainSteps(`method=simclr&projHidden=16&projDim=8&optimizer=${optimizer}&weightDecay=0.01&warmup=2&schedule=cosine&lr=0.05`, 3);
      expect(new Set(tensorCounts).size).toBe(1);
      expect(losses.every(Number.isFinite)).toBe(true);
      // 1 warm-up step + 3: steps=4, warm-up 2, so step 4 is the last: rate 0.
      expect(trainer.learningRateAt(1)).toBeCloseTo(0.025, 12);
      expect(trainer.learningRateAt(3)).toBeCloseTo(0.05 * 0.5 * (1 + Math.cos(Math.PI / 2)), 12);
      trainer.dispose();
    }
    // The trainer hands the config's beta2 to the optimiser: Adam's first step is lr·sign(g) whatever β2,
    // so the losses agree at step 2 (to float32 rounding of m̂/√v̂) and part at step 3 (measured: by ~9e-4).
    const withBeta2 = async (extra: string) => {
      const { trainer, losses } = await trainSteps(`method=simclr&projHidden=16&projDim=8&lr=0.05${extra}`, 2);
      trainer.dispose();
      return losses;
    };
    const [plain, mae] = [await withBeta2(''), await withBeta2('&beta2=0.95')];
    expect(Math.abs(mae[0] - plain[0])).toBeLessThan(1e-5);
    expect(Math.abs(mae[1] - plain[1])).toBeGreaterThan(1e-4);
    // MoCo v1 drops ×0.1 at 60% of a 5-step run (from step 4) unless a global schedule is set.
    const moco = (extra: string) => new Trainer(tinyConfig(`method=moco&projHidden=16&projDim=8&queueSize=32&mocoVersion=v1&lr=0.1&steps=5${extra}`), syntheticDataset(240));
    const own = moco('');
    expect([3, 4].map((s) => own.learningRateAt(s))).toEqual(close([0.1, 0.01]));
    own.dispose();
    const global = moco('&warmup=1');
    expect([3, 4].map((s) => global.learningRateAt(s))).toEqual(close([0.1, 0.1]));
    global.dispose();
  });
});
