import * as tf from '@tensorflow/tfjs-core';
import { rotationSpec } from '../config/methods/rotation';
import { augmentBatch, rotate90 } from '../augment';
import { crossEntropy } from '../losses';
import { linearBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { defineMethod } from './define';
import { fixedImages } from './shared';
import { rotationPicture } from './rotation/picture';

/** Images shown in the rotation picture, each at its four turns. */
const SHOWN = 6;

/**
 * Rotation prediction (Gidaris et al. 2018): every image is shown at 0°, 90°, 180° and 270° in the
 * same batch (the paper found feeding all four rotations together works best) and a linear head on
 * the encoder's features classifies the rotation.
 */
export const ROTATIONS = 4;

/** The batch of all four rotations, rotation-major: rows k·B … k·B + B − 1 are rotated by k·90°. */
export function rotationBatch(images: tf.Tensor4D): { x: tf.Tensor4D; labels: tf.Tensor1D } {
  return tf.tidy(() => {
    const b = images.shape[0];
    const x = tf.concat([0, 1, 2, 3].map((k) => rotate90(images, k as 0 | 1 | 2 | 3)), 0);
    const labels = tf.tensor1d(
      Array.from({ length: ROTATIONS * b }, (_, i) => Math.floor(i / b)),
      'int32',
    );
    return { x, labels };
  });
}

export const rotation = defineMethod(rotationSpec, (ctx, knobs) => {
  const { encoder, config } = ctx;
  if (ctx.height !== ctx.width) throw new Error('rotation prediction needs square images');
  const head = createMlp(linearBlocks(encoder.outDim, ROTATIONS), { seed: mixSeed(ctx.seed, 1), name: 'rotationHead' });
  const shown = fixedImages(ctx, SHOWN);
  return {
    heads: [head.params],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const input = knobs.rotAugment ? augmentBatch(images, config.aug, mixSeed(seed, 1)) : images;
        const { x, labels } = rotationBatch(input);
        return crossEntropy(head.apply(encoder.apply(x)), labels, ROTATIONS);
      });
    },
    embed: (x) => encoder.apply(x),
    async snapshot() {
      // The rotated images and the predictions in one tensor: one read-back.
      const packed = tf.tidy(() => {
        const { x } = rotationBatch(shown);
        const predicted = tf.cast(tf.argMax(head.apply(encoder.apply(x)), 1), 'float32');
        return tf.concat([tf.reshape(x, [-1]), predicted]);
      });
      const values = await packed.data();
      packed.dispose();
      return { images: [rotationPicture(values, shown.shape[0], ctx.height, ctx.width, ctx.channels)] };
    },
    dispose() {
      shown.dispose();
      head.params.dispose();
    },
  };
});
