import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { crossEntropy } from './crossEntropy';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('crossEntropy', () => {
  it('cross-entropy matches a hand computation: ln 4 for uniform logits, −log softmax otherwise', async () => {
    const uniform = crossEntropy(tf.zeros([3, 4]) as tf.Tensor2D, tf.tensor1d([0, 1, 3], 'int32'), 4);
    expect((await uniform.data())[0]).toBeCloseTo(Math.log(4), 6);
    const logits = [2, 0, -1, 0.5];
    const expected = -(logits[3] - Math.log(logits.reduce((s, l) => s + Math.exp(l), 0)));
    const ce = crossEntropy(tf.tensor2d([logits]), tf.tensor1d([3], 'int32'), 4);
    expect((await ce.data())[0]).toBeCloseTo(expected, 5);
    tf.dispose([uniform, ce]);
  });
});
