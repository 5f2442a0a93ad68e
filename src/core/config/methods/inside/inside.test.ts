import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_KEYS, METHOD_SPECS } from '../index';
import type { MethodSpec } from '../types';
import { METHOD_INSIDE } from '../inside';
import { fillTemplate, ownsBlock } from './fill';
import { trainSteps } from '../../../methods/testing';
import { TINY_METHOD_QUERIES } from '../../../methods/tinyQueries';

describe('fillTemplate', () => {
  it('fills known names and leaves the rest', () => {
    expect(fillTemplate('τ = {temperature}, {nope}', { temperature: 0.5 })).toBe('τ = 0.5, {nope}');
  });
});

// The graphs are drawn from these descriptions; they must match the methods they describe.
describe('each method’s graph and explainer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const method of METHOD_KEYS) {
    it(`${method}: edges join real blocks, blocks name real weights, live values are real metrics, knobs in labels exist`, async () => {
      const { graph, explainer } = METHOD_INSIDE[method];
      const ids = new Set(graph.nodes.map((n) => n.id));
      expect(ids.size).toBe(graph.nodes.length);
      for (const e of graph.edges) expect(ids.has(e.from) && ids.has(e.to), `${e.from} → ${e.to}`).toBe(true);
      const spec: MethodSpec = METHOD_SPECS[method];
      const metricNames = new Set(['loss', 'tau', ...Object.keys(spec.metrics ?? {})]);
      for (const e of graph.edges) if (e.live) expect(metricNames.has(e.live), e.live).toBe(true);
      const knobNames = new Set<string>(spec.knobs.map((k) => k.name));
      const texts = [...graph.nodes.flatMap((n) => [n.label, n.shape ?? '']), ...graph.edges.map((e) => e.label ?? '')];
      for (const t of texts) for (const [, name] of t.matchAll(/\{(\w+)\}/g)) expect(knobNames.has(name), `${method}: {${name}}`).toBe(true);
      // Every ParamSet the graph names is one the method builds, and every one it builds is drawn.
      const { trainer } = await trainSteps(`method=${method}&${TINY_METHOD_QUERIES[method]}`, 0);
      const blocks = trainer.blockParameters();
      const named = new Set(graph.nodes.flatMap((n) => n.params ?? []));
      expect([...named].filter((p) => !Object.keys(blocks).some((b) => ownsBlock(p, b))), 'named but not built').toEqual([]);
      expect(Object.keys(blocks).filter((b) => ![...named].some((p) => ownsBlock(p, b))), 'built but not drawn').toEqual([]);
      trainer.dispose();
      expect(explainer.formula.length).toBeGreaterThan(10);
      expect(explainer.url).toMatch(/^https:\/\/arxiv\.org\/abs\//);
    });
  }
});
