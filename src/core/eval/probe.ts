import * as tf from '@tensorflow/tfjs-core';

/**
 * Linear evaluation protocol (Zhang et al. 2016; Kolesnikov et al. 2019): frozen features,
 * a softmax-regression classifier fitted on probe-train, accuracy on the disjoint probe-test.
 * Features are standardised with probe-train statistics so one learning rate suits every encoder.
 * Returns the accuracy as a scalar tensor: the caller reads it back asynchronously.
 */
export interface ProbeOptions {
  classes: number;
  /** Full-batch Adam iterations; 200 reach a plateau on 1,000 × 64 features. */
  iterations?: number;
  learningRate?: number;
  /** L2 penalty on the weights, against overfitting small probe sets. */
  weightDecay?: number;
}

export function linearProbeAccuracy(
  trainFeatures: tf.Tensor2D,
  trainLabels: tf.Tensor1D,
  testFeatures: tf.Tensor2D,
  testLabels: tf.Tensor1D,
  opts: ProbeOptions,
): tf.Scalar {
  const iterations = opts.iterations ?? 200;
  const { xTrain, xTest, yTrain } = tf.tidy(() => {
    const { mean, variance } = tf.moments(trainFeatures, 0);
    const scale = tf.rsqrt(tf.add(variance, 1e-6));
    return {
      xTrain: tf.mul(tf.sub(trainFeatures, mean), scale) as tf.Tensor2D,
      xTest: tf.mul(tf.sub(testFeatures, mean), scale) as tf.Tensor2D,
      yTrain: tf.oneHot(trainLabels, opts.classes),
    };
  });
  const d = trainFeatures.shape[1];
  // tf.variable keeps its initial tensor alive as a separate tensor: create both inside a tidy.
  const w = tf.tidy(() => tf.variable(tf.zeros([d, opts.classes])));
  const b = tf.tidy(() => tf.variable(tf.zeros([opts.classes])));
  const optimizer = tf.train.adam(opts.learningRate ?? 0.05);
  const weightDecay = opts.weightDecay ?? 1e-4;
  for (let i = 0; i < iterations; i++) {
    optimizer.minimize(
      () =>
        tf.tidy(() => {
          const logits = tf.add(tf.matMul(xTrain, w), b);
          const ce = tf.neg(tf.mean(tf.sum(tf.mul(yTrain, tf.logSoftmax(logits)), 1)));
          return tf.add(ce, tf.mul(weightDecay, tf.sum(tf.square(w)))) as tf.Scalar;
        }),
      false,
      [w, b],
    );
  }
  const accuracy = tf.tidy(() => {
    const predicted = tf.argMax(tf.add(tf.matMul(xTest, w), b), 1);
    return tf.mean(tf.cast(tf.equal(predicted, tf.cast(testLabels, 'int32')), 'float32')) as tf.Scalar;
  });
  optimizer.dispose();
  [w, b, xTrain, xTest, yTrain].forEach((t) => t.dispose());
  return accuracy;
}
