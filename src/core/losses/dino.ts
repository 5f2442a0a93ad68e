import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from './stopGradient';
import { assertPositive, assertRank, assertSameShape, softCrossEntropy } from './util';

export interface DinoLossOptions {
  /** τ_s of the student softmax (paper: 0.1). */
  studentTemp: number;
  /** τ_t of the teacher softmax (paper: 0.04 → 0.07 warm-up; the schedule is the method's). */
  teacherTemp: number;
}

/**
 * DINO's self-distillation loss (Caron et al. 2021, sec. 3.1 and their `DINOLoss`).
 *
 * studentOut: S views, B×K each; teacherOut: the first T ≤ S of those views (the global crops), same
 * order, so teacher view i and student view i are the same crop. Teacher probabilities
 * softmax((t − center)/τ_t) carry no gradient: centring and sharpening them is what keeps DINO from
 * collapsing. Loss: mean over the batch and over all pairs (i, j), i ≠ j, of −Σ t_i log softmax(s_j/τ_s).
 * center (K or 1×K) is given; its EMA update belongs to the method, not the loss.
 */
export function dinoLoss(
  studentOut: tf.Tensor2D[],
  teacherOut: tf.Tensor2D[],
  center: tf.Tensor1D | tf.Tensor2D,
  opts: DinoLossOptions,
): tf.Scalar {
  const s = studentOut.length;
  const t = teacherOut.length;
  if (t < 1 || t > s) throw new Error(`dinoLoss: need 1 ≤ teacher views (${t}) ≤ student views (${s})`);
  if (t * s - t < 1) throw new Error('dinoLoss: needs at least one pair of different views');
  assertRank(studentOut[0], 2, 'dinoLoss studentOut');
  for (const v of [...studentOut, ...teacherOut]) assertSameShape(studentOut[0], v, 'dinoLoss views');
  if (center.shape[center.rank - 1] !== studentOut[0].shape[1]) throw new Error(`dinoLoss: center has ${center.shape[center.rank - 1]} entries, outputs have ${studentOut[0].shape[1]}`);
  assertPositive(opts.studentTemp, 'dinoLoss studentTemp');
  assertPositive(opts.teacherTemp, 'dinoLoss teacherTemp');
  return tf.tidy(() => {
    const targets = teacherOut.map((x) => stopGradient(tf.softmax(tf.div(tf.sub(x, center), opts.teacherTemp)) as tf.Tensor2D));
    const logProbs = studentOut.map((x) => tf.logSoftmax(tf.div(x, opts.studentTemp)) as tf.Tensor2D);
    const terms: tf.Scalar[] = [];
    targets.forEach((q, i) => logProbs.forEach((lp, j) => {
      if (i !== j) terms.push(softCrossEntropy(q, lp));
    }));
    return tf.div(tf.addN(terms), terms.length) as tf.Scalar;
  });
}
