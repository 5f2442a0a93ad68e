import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { infoNCE } from './infoNCE';
import { dot, expectClose, gaussian, logSumExp, normalize, read, t2, useCpu, type Mat } from './testing';

/** MoCo's InfoNCE with loops: logits [q·k, q·queue_j] / τ, cross-entropy against index 0. */
function infoNCERef(q: Mat, k: Mat, queue: Mat, tau: number): number {
  let total = 0;
  q.forEach((qi, i) => {
    const qn = normalize(qi);
    const logits = [dot(qn, normalize(k[i])) / tau, ...queue.map((key) => dot(qn, key) / tau)];
    total += logSumExp(logits) - logits[0];
  });
  return total / q.length;
}

const q = gaussian(4, 6, 21);
const k = gaussian(4, 6, 22);
const queue = gaussian(7, 6, 23).map(normalize);

describe('infoNCE', () => {
  beforeAll(useCpu);

  it('matches the loop reference', async () => {
    for (const tau of [0.07, 0.2, 1]) expectClose(await read(infoNCE(t2(q), t2(k), t2(queue), tau)), infoNCERef(q, k, queue, tau));
  });

  it('is low when k = q and the queue is orthogonal to every query', async () => {
    // Queries in the first 3 axes, queue keys in the last 3: every negative logit is 0.
    const qs = [[1, 0, 0, 0, 0, 0], [0, 2, 0, 0, 0, 0], [0, 0, 0.5, 0, 0, 0]];
    const keys = [[0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1]];
    const loss = await read(infoNCE(t2(qs), t2(qs), t2(keys), 0.1));
    expectClose(loss, Math.log(1 + 3 * Math.exp(-10)), 1e-5);
    expect(loss).toBeLessThan(1e-3);
  });

  it('is at least log 2 when the queue holds the positive key itself', async () => {
    const loss = await read(infoNCE(t2(q), t2(q), t2(q.map(normalize)), 0.1));
    expect(loss).toBeGreaterThanOrEqual(Math.log(2) - 1e-5);
  });

  it('rejects a queue of the wrong width', () => {
    const a = t2(q);
    const bad = t2(gaussian(3, 5, 1));
    expect(() => infoNCE(a, a, bad, 0.1)).toThrow(/width/);
    tf.dispose([a, bad]);
  });
});
