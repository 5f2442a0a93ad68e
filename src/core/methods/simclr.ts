import * as tf from '@tensorflow/tfjs-core';
import { augmentBatch } from '../augment';
import { ntXent } from '../losses';
import { createMlp, projectorBlocks } from '../nets/mlp';
import { mixSeed } from '../random';
import type { MethodDefinition } from './types';

/**
 * SimCLR (Chen et al. 2020): two augmented views per image, shared encoder and projector, NT-Xent over
 * the 2N views. Knobs and their paper values: src/core/config/methods.ts.
 */
export const simclr: MethodDefinition = {
  key: 'simclr',
  create(ctx) {
    const { encoder, config } = ctx;
    const temperature = config.params.temperature as number;
    const projector = createMlp(
      projectorBlocks(encoder.outDim, config.params.projHidden as number, config.params.projDim as number),
      { seed: mixSeed(ctx.seed, 1), name: 'projector' },
    );
    const embed = (x: tf.Tensor4D) => projector.apply(encoder.apply(x));
    return {
      heads: [projector.params],
      loss({ images, seed }) {
        return tf.tidy(() => {
          const v1 = augmentBatch(images, config.aug, mixSeed(seed, 1));
          const v2 = augmentBatch(images, config.aug, mixSeed(seed, 2));
          // One encoder pass over both views: BatchNorm in the projector then sees all 2N samples,
          // as SimCLR's global BN does across devices.
          const z = embed(tf.concat([v1, v2], 0));
          const [z1, z2] = tf.split(z, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
          return ntXent(z1, z2, temperature);
        });
      },
      embed,
      dispose() {
        projector.params.dispose();
      },
    };
  },
};
