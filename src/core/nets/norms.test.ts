import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { byolHeadBlocks } from './heads';
import { createMlp } from './mlp';
import { groupNorm, standardizeWeights } from './groupNormWs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('GroupNorm and weight standardisation (BYOL without batch statistics)', () => {
  it('GroupNorm standardises each sample’s groups: hand-worked 1×4 with 2 groups', async () => {
    // Groups [1, 3] and [10, 30]: means 2 and 20, biased variances 1 and 100, so each group reads
    // (−1, 1)/√(v + 1e-5)·√v ≈ ±0.999995 (first) and ±0.99999995 (second); γ = 2, β = 1 then apply.
    const x = tf.tensor2d([[1, 3, 10, 30]]);
    const y = groupNorm(x, 2, tf.fill([4], 2), tf.fill([4], 1));
    const e1 = 1 / Math.sqrt(1 + 1e-5);
    const e2 = 10 / Math.sqrt(100 + 1e-5);
    const got = Array.from(await y.data());
    [1 - 2 * e1, 1 + 2 * e1, 1 - 2 * e2, 1 + 2 * e2].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
    tf.dispose([x, y]);
  });

  it('GroupNorm never mixes samples: a row’s output is the same alone or in a batch', async () => {
    const batch = tf.randomNormal([5, 8], 0, 3, 'float32', 2) as tf.Tensor2D;
    const ones = tf.ones([8]);
    const zeros = tf.zeros([8]);
    const all = await groupNorm(batch, 4, ones, zeros).array();
    const alone = await groupNorm(tf.slice(batch, 2, 1), 4, ones, zeros).array();
    alone[0].forEach((v, i) => expect(v).toBeCloseTo(all[2][i], 6));
  });

  it('weight standardisation gives every output unit mean 0, std 1 over its inputs', async () => {
    const w = tf.tensor2d([[1, 0], [2, 0], [6, 4]]);
    const s = (await standardizeWeights(w).array()) as number[][];
    // Column 0: mean 3, biased variance 14/3; column 1: mean 4/3, variance 32/9.
    const sd0 = Math.sqrt(14 / 3 + 1e-5);
    expect(s.map((r) => r[0])).toEqual([(1 - 3) / sd0, (2 - 3) / sd0, (6 - 3) / sd0].map((v) => expect.closeTo(v, 5)));
    const col1 = s.map((r) => r[1]);
    expect(col1.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 5);
    expect(col1.reduce((a, b) => a + b * b, 0) / 3).toBeCloseTo(1, 4);
  });

  it('byolHeadBlocks: BN where headNorm puts it, GN + WS with gcd(hidden, 16) groups, a bias where no norm follows', () => {
    const norms = (h: Parameters<typeof byolHeadBlocks>[1]) => (['projector', 'predictor'] as const).map((part) => byolHeadBlocks(part, h, 8, 24, 4)[0]);
    expect(norms('bn').map((b) => b.batchNorm)).toEqual([true, true]);
    expect(norms('projector-bn').map((b) => b.batchNorm)).toEqual([true, false]);
    expect(norms('predictor-bn').map((b) => b.batchNorm)).toEqual([false, true]);
    expect(norms('none').map((b) => b.batchNorm)).toEqual([false, false]);
    expect(norms('gn-ws').map((b) => [b.batchNorm, b.groupNorm, b.weightStandardization])).toEqual([[false, 8, true], [false, 8, true]]);
    const gn = createMlp(byolHeadBlocks('projector', 'gn-ws', 8, 24, 4), { seed: 1, name: 'p' });
    const none = createMlp(byolHeadBlocks('projector', 'none', 8, 24, 4), { seed: 1, name: 'q' });
    expect([...gn.params.vars.keys()]).toEqual(['fc0.w', 'gn0.gamma', 'gn0.beta', 'fc1.w', 'fc1.b']);
    expect([...none.params.vars.keys()]).toEqual(['fc0.w', 'fc0.b', 'fc1.w', 'fc1.b']);
    gn.params.dispose();
    none.params.dispose();
    expect(() => createMlp([{ in: 2, out: 6, batchNorm: false, relu: true, groupNorm: 4 }], { seed: 1, name: 'bad' })).toThrow('bad: block 0 has GroupNorm with 4 groups for 6 features');
  });
});
