import * as tf from '@tensorflow/tfjs-core';
import { simclrSpec } from '../config/methods/simclr';
import { multiCropMean, ntXent } from '../losses';
import { smallCropSettings } from '../config/methods/multiCrop';
import { projectorBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { defineMethod } from './define';
import { smallCropsOf, twoViews } from './shared';
import { viewSimilarityPicture } from './shared/pictures';

/**
 * SimCLR (Chen et al. 2020): two augmented views per image, shared encoder and projector, NT-Xent over
 * the 2N views. Knobs and their paper values: src/core/config/methods/simclr.ts.
 */
export const simclr = defineMethod(simclrSpec, (ctx, knobs) => {
  const { encoder, config } = ctx;
  const projector = createMlp(projectorBlocks(encoder.outDim, knobs.projHidden, knobs.projDim), { seed: mixSeed(ctx.seed, 1), name: 'projector' });
  const embed = (x: tf.Tensor4D) => projector.apply(encoder.apply(x));
  const crops = smallCropSettings(knobs);
  const picture = viewSimilarityPicture(ctx, embed, embed, 'Similarity of the two views (NT-Xent pulls the diagonal up, the rest down)');
  return {
    heads: [projector.params],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const [v1, v2] = twoViews(images, config.aug, seed);
        // One encoder pass over both views: BatchNorm in the projector then sees all 2N samples,
        // as SimCLR's global BN does across devices.
        const small = smallCropsOf(images, config.aug, crops, seed);
        if (small.length === 0) {
          const z = embed(tf.concat([v1, v2], 0));
          const [z1, z2] = tf.split(z, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
          return ntXent(z1, z2, knobs.temperature);
        }
        // Multi-crop (SwAV paper's ablation): the encoder once per resolution, the projector once
        // over every crop (its BatchNorm sees them all, as SwAV's), NT-Xent for each small crop
        // against each global view and for the two global views, averaged (losses/multiCrop.ts).
        const h = tf.concat([encoder.apply(tf.concat([v1, v2], 0)), encoder.apply(tf.concat(small, 0))], 0);
        const z = tf.split(projector.apply(h), 2 + small.length, 0) as tf.Tensor2D[];
        return multiCropMean(z, 2, 'symmetric', (a, b) => ntXent(a, b, knobs.temperature));
      });
    },
    embed,
    snapshot: picture.snapshot,
    dispose() {
      projector.params.dispose();
      picture.dispose();
    },
  };
});
