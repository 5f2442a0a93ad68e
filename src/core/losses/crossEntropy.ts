import * as tf from '@tensorflow/tfjs-core';
import { softCrossEntropy } from './util';

/**
 * Cross-entropy of integer class labels under softmax(logits), mean over rows: the classifier loss of
 * the pretext tasks (rotation, context prediction, jigsaw).
 */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, classes: number): tf.Scalar {
  return tf.tidy(() => softCrossEntropy(tf.oneHot(labels, classes) as tf.Tensor2D, tf.logSoftmax(logits)));
}
