import * as tf from '@tensorflow/tfjs-core';
import { dinoSpec } from '../config/methods/dino';
import { multiCrop } from '../augment';
import { multiCropSettings } from '../config/methods/multiCrop';
import { dinoLoss } from '../losses';
import { cosineMomentum } from '../train/ema';
import { mixSeed } from '../random';
import { collapseBalance } from './dino/metrics';
import { createDinoHead } from './dino/head';
import { teacherTempAt } from './dino/teacher';
import type { MethodInstance } from './types';
import { defineMethod, type MetricName } from './define';
import { readGallery } from './shared/pictures';
import { createTargetNetwork, fixedImages } from './shared';

/**
 * DINO (Caron et al. 2021): self-distillation with no labels. A student (the trainer's encoder + a
 * head to K outputs) matches, over multi-crop, the output distribution of a teacher that is an EMA
 * of the student and sees only the two global crops. Two opposite forces keep it from collapsing
 * (§3.1, Fig. 7): centring the teacher's logits (a running mean is subtracted) pushes towards the
 * uniform distribution, sharpening them (a low teacher temperature) pushes towards one-hot.
 * Knobs and paper values: src/core/config/methods/dino.ts.
 */
export interface DinoInstance extends MethodInstance<MetricName<typeof dinoSpec>> {
  /** 1×K running mean of the teacher's logits. */
  readonly center: tf.Variable;
  /** The teacher's logits (no gradient), for tests and metrics. */
  teacher(x: tf.Tensor4D): tf.Tensor2D;
  /** Every teacher weight, in the order of momentumPairs. */
  teacherParams(): tf.Variable[];
}

const GLOBAL_CROPS = 2;
/** Unaugmented images the collapse-balance metrics are read on: the same ones at every reading. */
const METRIC_IMAGES = 128;

export const dino = defineMethod(dinoSpec, (ctx, knobs): DinoInstance => {
  const { encoder, config } = ctx;
  const { outDim, studentTemp, centerMomentum, teacherMomentum } = knobs;
  const tempAt = (step: number) => teacherTempAt(step, knobs.teacherTempStart, knobs.teacherTemp, knobs.teacherTempWarmup);
  const crops = multiCropSettings(knobs);
  const headOpts = { inDim: encoder.outDim, hidden: knobs.projHidden, bottleneck: knobs.bottleneckDim, outDim, batchNorm: knobs.headBatchNorm };
  const studentHead = createDinoHead({ ...headOpts, seed: mixSeed(ctx.seed, 1), name: 'student' });
  // Same architecture, then the student's exact weights: the teacher starts where the student does.
  const teacherNet = createTargetNetwork({ encoder, head: studentHead });
  const pairs = teacherNet.pairs;
  // Inside tidy: the zeros would otherwise outlive the run (tidy spares the variable itself).
  const center = tf.tidy(() => tf.variable(tf.zeros([1, outDim]), false));
  // The teacher's logits of the current step, kept from loss() for afterStep()'s centre update.
  let teacherOut: tf.Tensor2D | null = null;
  let lastStep = 0;
  const probe = fixedImages(ctx, METRIC_IMAGES);

  const student = (x: tf.Tensor4D) => studentHead.apply(encoder.apply(x));
  const teacher = (x: tf.Tensor4D) => teacherNet.apply(x);

  return {
    heads: studentHead.params,
    center,
    teacher,
    teacherParams: () => pairs.map(([, t]) => t),
    momentumPairs: () => pairs,
    targetBuffers: () => teacherNet.buffers,
    // τ rises from teacherMomentum to 1 along a cosine (§3.1, as BYOL's schedule).
    momentum: (step, total) => cosineMomentum(teacherMomentum, step, total),
    loss({ images, seed, step }) {
      teacherOut?.dispose();
      teacherOut = null;
      lastStep = step;
      return tf.tidy(() => {
        const views = multiCrop(images, config.aug, { globalCrops: GLOBAL_CROPS, ...crops }, mixSeed(seed, 1));
        const global = tf.concat(views.global, 0);
        // One encoder pass per resolution; the head has no BatchNorm, so it may run per part.
        const parts = [student(global)];
        if (views.small.length > 0) parts.push(student(tf.concat(views.small, 0)));
        const studentOut = tf.split(tf.concat(parts, 0), GLOBAL_CROPS + views.small.length, 0) as tf.Tensor2D[];
        // The teacher sees only the global crops (§3.1, "local-to-global" correspondences).
        const t = teacher(global);
        teacherOut = tf.keep(t);
        const teacherViews = tf.split(t, GLOBAL_CROPS, 0) as tf.Tensor2D[];
        return dinoLoss(studentOut, teacherViews, center as tf.Tensor2D, { studentTemp, teacherTemp: tempAt(step) });
      });
    },
    afterStep() {
      if (!teacherOut) return;
      // c ← m·c + (1 − m)·mean of this batch's teacher logits over both global crops (§3.1, eq. 4).
      const batchMean = teacherOut;
      tf.tidy(() => center.assign(tf.add(tf.mul(center, centerMomentum), tf.mul(tf.mean(batchMean, 0, true), 1 - centerMomentum))));
      teacherOut.dispose();
      teacherOut = null;
    },
    embed: student,
    // The centre (the teacher is an EMA target, saved by the trainer) and the step its temperature was at.
    saveState: () => ({ tensors: { center }, numbers: { lastStep } }),
    loadState({ tensors, numbers }) {
      if (tensors.center?.shape.join() !== center.shape.join()) throw new Error(`dino: saved centre has shape [${tensors.center?.shape ?? ''}], this run's is [${center.shape}]`);
      center.assign(tensors.center);
      lastStep = numbers.lastStep ?? 0;
    },
    extraMetrics() {
      return tf.tidy(() => ({
        ...collapseBalance(teacher(probe), student(probe), center as tf.Tensor2D, tempAt(Math.max(1, lastStep)), studentTemp),
        centerNorm: tf.norm(center) as tf.Scalar,
      }));
    },
    // The teacher's centred logits pick each image's output dimension, as its softmax does.
    snapshot: () => readGallery(tf.tidy(() => tf.sub(teacher(probe), center)), ctx, 'Images of the 8 most used teacher outputs (argmax of centred logits)'),
    dispose() {
      studentHead.params.forEach((s) => s.dispose());
      teacherNet.dispose();
      tf.dispose([center, probe]);
      teacherOut?.dispose();
    },
  };
});
