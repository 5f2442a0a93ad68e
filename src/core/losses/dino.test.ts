import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dinoLoss } from './dino';
import { expectClose, gaussian, logSoftmax, mean, read, readAll, softmax, sum, t2, useCpu, type Mat } from './testing';

/** DINOLoss.forward with loops: teacher i vs student j ≠ i, mean over batch and pairs. */
function dinoRef(student: Mat[], teacher: Mat[], center: number[], ts: number, tt: number): number {
  const terms: number[] = [];
  teacher.forEach((t, i) => student.forEach((s, j) => {
    if (i === j) return;
    terms.push(mean(t.map((row, b) => {
      const q = softmax(row.map((x, k) => (x - center[k]) / tt));
      return -sum(logSoftmax(s[b].map((x) => x / ts)).map((lp, k) => q[k] * lp));
    })));
  }));
  return mean(terms);
}

const [B, K] = [3, 5];
const student = [61, 62, 63, 64].map((s) => gaussian(B, K, s));
const teacher = [71, 72].map((s) => gaussian(B, K, s));
const center = gaussian(1, K, 73, 0.3)[0];
const opts = { studentTemp: 0.1, teacherTemp: 0.04 };

describe('dinoLoss', () => {
  beforeAll(useCpu);

  it('matches the loop reference with 2 global and 2 local views', async () => {
    const loss = dinoLoss(student.map(t2), teacher.map(t2), tf.tensor1d(center), opts);
    expectClose(await read(loss), dinoRef(student, teacher, center, 0.1, 0.04));
  });

  it('accepts a 1×K center and other temperatures', async () => {
    const loss = dinoLoss(student.slice(0, 2).map(t2), teacher.map(t2), tf.tensor2d([center]), { studentTemp: 0.5, teacherTemp: 0.2 });
    expectClose(await read(loss), dinoRef(student.slice(0, 2), teacher, center, 0.5, 0.2));
  });

  it('sends no gradient into the teacher, some into the student', async () => {
    const s = student.map(t2);
    const t = teacher.map(t2);
    const c = tf.tensor1d(center);
    const gt = await readAll(tf.grad((x: tf.Tensor) => dinoLoss(s, [x as tf.Tensor2D, t[1]], c, opts))(t[0]));
    expect(gt.every((v) => v === 0)).toBe(true);
    const gs = await readAll(tf.grad((x: tf.Tensor) => dinoLoss([s[0], x as tf.Tensor2D, s[2]], t, c, opts))(s[1]));
    expect(gs.some((v) => v !== 0) && gs.every(Number.isFinite)).toBe(true);
    tf.dispose([...s, ...t, c]);
  });

  it('rejects more teacher views than student views', () => {
    const s = [t2(student[0])];
    const c = tf.tensor1d(center);
    expect(() => dinoLoss(s, [s[0], s[0]], c, opts)).toThrow(/teacher views/);
    tf.dispose([...s, c]);
  });
});
