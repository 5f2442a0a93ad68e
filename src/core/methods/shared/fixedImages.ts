import * as tf from '@tensorflow/tfjs-core';
import { gatherFloat } from '../../data/dataset';
import type { MethodContext } from '../types';

/**
 * The first `n` unlabelled training images, unaugmented, as one B×H×W×C tensor the method owns (and
 * disposes). Metrics and snapshots read them at every reading, so what changes is the network.
 */
export function fixedImages(ctx: MethodContext, n: number): tf.Tensor4D {
  const idx = ctx.unlabelled.subarray(0, Math.min(n, ctx.unlabelled.length));
  return tf.tensor4d(gatherFloat(ctx.dataset, idx), [idx.length, ctx.height, ctx.width, ctx.channels]);
}
