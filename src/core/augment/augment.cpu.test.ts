import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll } from 'vitest';
import { augmentSuite } from './suite';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

augmentSuite('cpu');
