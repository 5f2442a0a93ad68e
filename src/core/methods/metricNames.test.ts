import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_KEYS } from '../config/methods';
import { syntheticDataset } from '../train/testing';
import { Trainer } from '../train/trainer';
import { isKnownMetric } from '../../ui/method/metricInfo';
import { tinyConfig } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Every chart in the method view gets a readable title and a hint saying what to watch for; a metric
// a method adds without one would show up as a bare camelCase name.
describe('method metrics', () => {
  const dataset = syntheticDataset(240);
  it.each(METHOD_KEYS)('%s: every extra metric has a label and hint', (key) => {
    const trainer = new Trainer(tinyConfig(`method=${key}&steps=2`), dataset);
    const names = trainer.extraMetricNames();
    trainer.dispose();
    const unknown = names.filter((n) => !isKnownMetric(n));
    expect(unknown).toEqual([]);
  });
});
