import * as tf from '@tensorflow/tfjs-core';
import { BatchSampler } from '../data/batches';
import { gatherFloat, gatherLabels, type ImageDataset } from '../data/dataset';
import { crossEntropy } from '../losses';
import { whileTraining } from '../nets/batchNorm';
import type { Encoder } from '../nets/convnet';
import { linearBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { yieldToEventLoop } from '../train/yield';
import { featuresOf } from './features';

/**
 * The fine-tuning protocol (SimCLR §6 and Table 8, MAE §4): the whole encoder plus a new linear head
 * trained with labels on the labelled set, then accuracy on the held-out set. It works on a copy of
 * the encoder, so the self-supervised weights the run saves, probes and resumes from never change;
 * the same call on the encoder at random init gives the "from scratch" line it is reported beside.
 *
 * No augmentation and plain Adam: at these sizes (tens to a thousand labelled images, a few hundred
 * steps) the comparison between starting points is what matters, and every start gets the same.
 */
export interface FinetuneOptions {
  classes: number;
  steps: number;
  learningRate: number;
  /** Images per step; capped at the labelled set's size. */
  batch: number;
  seed: number;
}

/** A copy of an encoder under another name: same architecture, the source's current weights and BatchNorm running statistics. */
export function copyEncoder(source: Encoder, name: string): Encoder {
  const copy = source.clone(name);
  for (const [from, to] of [[source.params.vars, copy.params.vars], [source.params.buffers, copy.params.buffers]] as const) {
    for (const [key, v] of from) {
      const target = to.get(key);
      if (!target) throw new Error(`copyEncoder: ${name} lacks ${key}`);
      target.assign(v);
    }
  }
  return copy;
}

/**
 * Fine-tunes a copy of `encoder` on `train` and returns the test accuracy as a scalar tensor (the
 * caller reads it back with the other metrics). Yields to the event loop between steps, so a
 * worker stays responsive; nothing is read back here.
 */
export async function finetuneAccuracy(
  encoder: Encoder,
  dataset: ImageDataset,
  train: Int32Array,
  test: Int32Array,
  opts: FinetuneOptions,
): Promise<tf.Scalar> {
  const copy = copyEncoder(encoder, 'finetune');
  // The head reads features standardised with the labelled set's statistics at the start, fixed
  // thereafter (as the linear probe standardises; MAE's probe puts a BatchNorm without affine
  // before its head): raw pooled features of a small ConvNet are tiny, and a head on them would
  // barely move in a few hundred Adam steps. Fixed statistics keep an image's logits its own.
  const { mean, scale } = tf.tidy(() => {
    const f = featuresOf(dataset, train, (x) => copy.apply(x));
    const m = tf.moments(f, 0);
    return { mean: m.mean, scale: tf.rsqrt(tf.add(m.variance, 1e-6)) };
  });
  const classify = (x: tf.Tensor4D) => head.apply(tf.mul(tf.sub(copy.apply(x), mean), scale) as tf.Tensor2D);
  const head = createMlp(linearBlocks(copy.outDim, opts.classes), { seed: mixSeed(opts.seed, 1), name: 'finetune-head' });
  const vars = [...copy.params.list(), ...head.params.list()];
  const optimizer = tf.train.adam(opts.learningRate);
  const sampler = new BatchSampler(train, mixSeed(opts.seed, 2));
  const batch = Math.min(opts.batch, train.length);
  const { height, width, channels } = dataset;
  try {
    for (let step = 0; step < opts.steps; step++) {
      const idx = sampler.next(batch);
      tf.tidy(() => {
        const x = tf.tensor4d(gatherFloat(dataset, idx), [idx.length, height, width, channels]);
        const y = tf.tensor1d(gatherLabels(dataset, idx), 'int32');
        // An encoder with BatchNorm trains on batch statistics and updates the copy's running ones.
        whileTraining(() => optimizer.minimize(() => crossEntropy(classify(x), y, opts.classes), false, vars));
      });
      await yieldToEventLoop();
    }
    const logits = featuresOf(dataset, test, classify);
    const accuracy = tf.tidy(() => {
      const labels = tf.tensor1d(gatherLabels(dataset, test), 'int32');
      return tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar;
    });
    logits.dispose();
    return accuracy;
  } finally {
    optimizer.dispose();
    tf.dispose([mean, scale]);
    head.params.dispose();
    copy.params.dispose();
  }
}
