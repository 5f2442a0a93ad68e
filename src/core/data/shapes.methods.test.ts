import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_KEYS } from '../config/methods';
import { factorProbeMetric, SHAPES_FACTORS } from '../config/shapes';
import { TINY_METHOD_QUERIES } from '../methods/tinyQueries';
import { trainSteps } from '../methods/testing';
import { generateShapes } from './shapes';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Every method was written against 28×28 greys; Shapes is 32×32 RGB. Each one must train on it.
describe('every method trains on 3-channel 32×32 Shapes', () => {
  const shapes = generateShapes(240, 5);
  for (const method of METHOD_KEYS) {
    it(method, async () => {
      const { trainer, losses, tensorCounts } = await trainSteps(`method=${method}&dataset=shapes&${TINY_METHOD_QUERIES[method]}`, 2, shapes);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(tensorCounts[1]).toBe(tensorCounts[0]);
      trainer.dispose();
    });
  }
});

describe('factor probes', () => {
  it('give one accuracy in [0, 1] per Shapes factor, next to the main probe', async () => {
    const { trainer } = await trainSteps(`method=simclr&dataset=shapes&${TINY_METHOD_QUERIES.simclr}`, 1, generateShapes(240, 5));
    const probe = trainer.probe();
    const values = Object.fromEntries(await Promise.all(Object.entries(probe).map(async ([k, t]) => [k, (await t.data())[0]] as const)));
    tf.dispose(Object.values(probe));
    for (const f of SHAPES_FACTORS) {
      const v = values[factorProbeMetric(f.name)];
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    // The shape factor is the dataset's main label: its probe is the main probe, fitted the same way.
    expect(values[factorProbeMetric('shape')]).toBeCloseTo(values.probeAccuracy, 6);
    trainer.dispose();
  });
});
