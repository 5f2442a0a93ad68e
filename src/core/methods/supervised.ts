import * as tf from '@tensorflow/tfjs-core';
import { augmentBatch } from '../augment';
import { supervisedSpec } from '../config/methods/supervised';
import { BatchSampler } from '../data/batches';
import { gatherFloat, gatherLabels } from '../data/dataset';
import { crossEntropy } from '../losses';
import { linearBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { defineMethod } from './define';
import { fixedImages } from './shared';

/**
 * The supervised reference: encoder + linear classifier trained with cross-entropy on the labelled
 * probe-train images (its own seeded batches of config.batch; the unlabelled batch the trainer draws
 * is not used). Probed like every method, its accuracy is the ceiling for this encoder, these labels
 * and this budget.
 */
/** Images in its picture. */
const SHOWN = 8;

export const supervised = defineMethod(supervisedSpec, (ctx, knobs) => {
  const { encoder, config, dataset } = ctx;
  const head = createMlp(linearBlocks(encoder.outDim, dataset.classes), { seed: mixSeed(ctx.seed, 1), name: 'classifier' });
  const sampler = new BatchSampler(ctx.probeTrain, mixSeed(ctx.seed, 2));
  const batch = Math.min(config.batch, ctx.probeTrain.length);
  // Images it never trains on (the unlabelled subset's first), for its picture.
  const shown = fixedImages(ctx, SHOWN);
  const shownLabels = Array.from(ctx.unlabelled.subarray(0, shown.shape[0]), (i) => dataset.labels[i]);
  // Batches drawn so far: the sampler is seeded and host-side, so a checkpoint keeps only the count.
  let draws = 0;
  return {
    heads: [head.params],
    loss({ seed }) {
      const idx = sampler.next(batch);
      draws += 1;
      return tf.tidy(() => {
        const plain = tf.tensor4d(gatherFloat(dataset, idx), [idx.length, ctx.height, ctx.width, ctx.channels]);
        const x = knobs.supAugment ? augmentBatch(plain, config.aug, mixSeed(seed, 1)) : plain;
        const labels = tf.tensor1d(gatherLabels(dataset, idx), 'int32');
        return crossEntropy(head.apply(encoder.apply(x)), labels, dataset.classes);
      });
    },
    embed: (x) => encoder.apply(x),
    async snapshot() {
      // The images and the predicted classes in one tensor: one read-back (the loop counts one).
      const packed = tf.tidy(() => tf.concat([tf.reshape(shown, [-1]), tf.cast(tf.argMax(head.apply(encoder.apply(shown)), 1), 'float32')]));
      const pixels = await packed.data();
      packed.dispose();
      const per = ctx.height * ctx.width * ctx.channels;
      const classes = pixels.subarray(shown.size);
      return {
        images: [
          {
            title: 'Class predicted for images it never trained on',
            columns: ['image'],
            height: ctx.height,
            width: ctx.width,
            channels: ctx.channels,
            rows: shownLabels.map((_, i) => [Uint8ClampedArray.from(pixels.subarray(i * per, (i + 1) * per), (v) => Math.round(v * 255))]),
            notes: shownLabels.map((label, i) => [{ text: `says ${classes[i]}`, ok: classes[i] === label }]),
          },
        ],
      };
    },
    saveState: () => ({ tensors: {}, numbers: { draws } }),
    loadState({ numbers }) {
      for (let i = 0; i < (numbers.draws ?? 0); i++) sampler.next(batch);
      draws = numbers.draws ?? 0;
    },
    dispose() {
      shown.dispose();
      head.params.dispose();
    },
  };
});
