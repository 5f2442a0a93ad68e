import * as tf from '@tensorflow/tfjs-core';
import { swavSpec } from '../config/methods/swav';
import { multiCrop } from '../augment';
import { multiCropSettings } from '../config/methods/multiCrop';
import { l2Normalize, stopGradient, swappedPrediction, swavLoss } from '../losses';
import { projectorBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { ParamSet } from '../nets/params';
import { mixSeed } from '../random';
import { predictionStats } from './swav/metrics';
import { SINKHORN_ITERATIONS, codesWithQueue } from './swav/queue';
import type { MethodInstance } from './types';
import { defineMethod, type MetricName } from './define';
import { readGallery } from './shared/pictures';
import { fixedImages } from './shared';

/**
 * SwAV (Caron et al. 2020): every crop's l2-normalised embedding is scored against K learnable unit
 * prototypes; the two global crops get balanced soft codes from Sinkhorn-Knopp, and each code must
 * be predicted from every other crop (swapped prediction, §3.1) over multi-crop (§3.2).
 * Knobs and paper values: src/core/config/methods/swav.ts.
 */
export interface SwavInstance extends MethodInstance<MetricName<typeof swavSpec>> {
  /** K×D prototypes, unit rows after every step. */
  readonly prototypes: tf.Variable;
  /** One L×D queue of past embeddings per global crop (empty when queueLength = 0). */
  readonly queues: readonly tf.Variable[];
  /** Rows of the queues holding real embeddings. */
  queued(): number;
}

const GLOBAL_CROPS = 2;
/** Unaugmented images the prototype metrics are read on: the same ones at every reading. */
const METRIC_IMAGES = 128;

export const swav = defineMethod(swavSpec, (ctx, knobs): SwavInstance => {
  const { encoder, config } = ctx;
  const { prototypes: k, temperature, sinkhornEpsilon: epsilon, freezeSteps, queueStart } = knobs;
  const crops = multiCropSettings(knobs);
  const projector = createMlp(projectorBlocks(encoder.outDim, knobs.projHidden, knobs.projDim), { seed: mixSeed(ctx.seed, 1), name: 'projector' });
  // A bias-free linear layer, as the paper's nn.Linear(D, K, bias=False), kept at unit rows.
  const protoParams = new ParamSet('prototypes', mixSeed(ctx.seed, 2));
  const prototypes = protoParams.lecunUniform('weight', [k, projector.outDim], projector.outDim);
  const normalise = () => tf.tidy(() => prototypes.assign(l2Normalize(prototypes)));
  normalise();
  // The authors' code trims the queue to a multiple of the batch so that it shifts by whole batches.
  const batch = config.batch;
  const queueLength = Math.floor(knobs.queueLength / batch) * batch;
  // Inside tidy: tf.variable keeps its initial value's copy, the zeros themselves would leak (tidy spares variables).
  const queues = queueLength > 0 ? Array.from({ length: GLOBAL_CROPS }, () => tf.tidy(() => tf.variable(tf.zeros([queueLength, projector.outDim]), false))) : [];
  let queued = 0;
  // Global-crop embeddings of the current step, kept from loss() for afterStep() to enqueue.
  let pending: tf.Tensor2D | null = null;
  const probe = fixedImages(ctx, METRIC_IMAGES);

  const embed = (x: tf.Tensor4D) => l2Normalize(projector.apply(encoder.apply(x)));

  return {
    heads: [projector.params, protoParams],
    prototypes,
    queues,
    queued: () => queued,
    loss({ images, seed, step }) {
      pending?.dispose();
      pending = null;
      return tf.tidy(() => {
        const b = images.shape[0];
        const views = multiCrop(images, config.aug, { globalCrops: GLOBAL_CROPS, ...crops }, mixSeed(seed, 1));
        // The encoder runs once per resolution, the projector once over all crops (as main_swav.py),
        // so its BatchNorm sees every crop.
        const features = [encoder.apply(tf.concat(views.global, 0))];
        if (views.small.length > 0) features.push(encoder.apply(tf.concat(views.small, 0)));
        const z = l2Normalize(projector.apply(tf.concat(features, 0)));
        // Prototypes get no gradient for the first steps (the paper freezes them for the first epoch).
        const c = step <= freezeSteps ? stopGradient(prototypes) : prototypes;
        const scores = tf.split(tf.matMul(z, c, false, true), GLOBAL_CROPS + views.small.length, 0) as tf.Tensor2D[];
        if (queueLength > 0 && step > queueStart) pending = tf.keep(stopGradient(tf.slice(z, 0, GLOBAL_CROPS * b)) as tf.Tensor2D);
        if (queueLength > 0 && queued >= queueLength) {
          const codes = queues.map((q, i) => codesWithQueue(tf.matMul(q, stopGradient(prototypes), false, true), scores[i], epsilon));
          return swappedPrediction(codes, scores, temperature);
        }
        return swavLoss(scores.slice(0, GLOBAL_CROPS), scores.slice(GLOBAL_CROPS), { temperature, epsilon, sinkhornIterations: SINKHORN_ITERATIONS });
      });
    },
    afterStep() {
      // Unit prototypes, as main_swav.py re-normalises them at every iteration: scores stay cosines.
      normalise();
      if (!pending) return;
      const b = pending.shape[0] / GLOBAL_CROPS;
      tf.tidy(() => {
        queues.forEach((q, i) => {
          // Newest first: shift the queue down by one batch and put crop i's embeddings on top.
          q.assign(tf.concat([tf.slice(pending!, i * b, b), tf.slice(q, 0, queueLength - b)], 0));
        });
      });
      queued = Math.min(queueLength, queued + b);
      pending.dispose();
      pending = null;
    },
    embed,
    // The queues and how full they are. The prototypes are weights (saved by the trainer); their
    // freeze is a function of the step (step <= freezeSteps), so it needs no state of its own.
    saveState: () => ({ tensors: Object.fromEntries(queues.map((q, i) => [`queue${i}`, q])), numbers: { queued } }),
    loadState({ tensors, numbers }) {
      queues.forEach((q, i) => {
        const saved = tensors[`queue${i}`];
        if (!saved || saved.shape.join() !== q.shape.join()) throw new Error(`swav: saved queue ${i} has shape [${saved?.shape ?? ''}], this run's is [${q.shape}]`);
        q.assign(saved);
      });
      queued = numbers.queued ?? 0;
    },
    extraMetrics() {
      const stats = tf.tidy(() => predictionStats(embed(probe), prototypes as tf.Tensor2D, temperature));
      return queueLength > 0 ? { ...stats, queueFill: tf.scalar(queued / queueLength) } : stats;
    },
    snapshot: () => readGallery(tf.tidy(() => tf.matMul(embed(probe), prototypes, false, true)), ctx, 'Images of the 8 most used prototypes (by cosine score)'),
    dispose() {
      projector.params.dispose();
      protoParams.dispose();
      tf.dispose([...queues, probe]);
      pending?.dispose();
    },
  };
});
