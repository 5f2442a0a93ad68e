import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { byolLoss, negativeCosine } from './cosine';
import { cosine, expectClose, gaussian, mean, read, readAll, scaleMat, t2, useCpu } from './testing';

const p = gaussian(5, 3, 31);
const z = gaussian(5, 3, 32);
const neg = scaleMat(p, -1);

describe('byolLoss', () => {
  beforeAll(useCpu);

  it('matches the loop reference 2 − 2 cos, mean over rows', async () => {
    expectClose(await read(byolLoss(t2(p), t2(z))), mean(p.map((r, i) => 2 - 2 * cosine(r, z[i]))));
  });

  it('is 0 when p = z (any scale) and 4 when p = −z', async () => {
    expectClose(await read(byolLoss(t2(p), t2(scaleMat(p, 3)))), 0, 1e-5);
    expectClose(await read(byolLoss(t2(p), t2(neg))), 4, 1e-5);
  });

  it('lets the gradient reach z: detaching the target is the method’s job', async () => {
    const [a, b] = [t2(p), t2(z)];
    const g = await readAll(tf.grad((x: tf.Tensor) => byolLoss(a, x as tf.Tensor2D))(b));
    expect(g.some((v) => Math.abs(v) > 1e-4)).toBe(true);
    tf.dispose([a, b]);
  });
});

describe('negativeCosine', () => {
  beforeAll(useCpu);

  it('matches the loop reference −cos, mean over rows', async () => {
    expectClose(await read(negativeCosine(t2(p), t2(z))), -mean(p.map((r, i) => cosine(r, z[i]))));
  });

  it('is −1 when p = z and +1 when p = −z', async () => {
    expectClose(await read(negativeCosine(t2(p), t2(p))), -1, 1e-5);
    expectClose(await read(negativeCosine(t2(p), t2(neg))), 1, 1e-5);
  });

  it('rejects mismatched shapes', () => {
    const [a, b] = [t2(p), t2(gaussian(4, 3, 1))];
    expect(() => negativeCosine(a, b)).toThrow(/shapes differ/);
    tf.dispose([a, b]);
  });
});
