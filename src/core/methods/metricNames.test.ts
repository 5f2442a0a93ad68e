import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_KEYS, METHOD_SPECS, type MethodSpec } from '../config/methods';
import { syntheticDataset } from '../train/testing';
import { Trainer } from '../train/trainer';
import { tinyConfig } from './testing';
import { TINY_METHOD_QUERIES } from './tinyQueries';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Every chart in the method view gets a readable title and a hint saying what to watch for, declared
// in the method's spec; a metric a method adds without one would show up as a bare camelCase name.
describe('method metrics', () => {
  const dataset = syntheticDataset(240);
  it.each(METHOD_KEYS)('%s: every extra metric is declared in its spec with a label and hint', (key) => {
    // MoCo v2 and SwAV's queue and the adversarial inpainting term emit metrics only when switched on.
    const trainer = new Trainer(tinyConfig(`method=${key}&steps=2&${TINY_METHOD_QUERIES[key]}${key === 'swav' ? '&queueLength=32' : ''}`), dataset);
    const names = trainer.extraMetricNames();
    trainer.dispose();
    const spec: MethodSpec = METHOD_SPECS[key];
    const declared = spec.metrics ?? {};
    for (const name of names) {
      expect(Object.prototype.hasOwnProperty.call(declared, name), `${key} emits ${name} without declaring it`).toBe(true);
      expect(declared[name].label.length).toBeGreaterThan(3);
      expect(declared[name].hint.length).toBeGreaterThan(20);
    }
  });
});
