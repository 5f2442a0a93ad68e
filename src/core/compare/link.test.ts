import { describe, expect, it } from 'vitest';
import { METHOD_KEYS } from '../config/methods';
import { defaultConfig, type ExperimentConfig } from '../config/schema';
import { encodeConfig } from '../config/url';
import { runLabels } from './labels';
import { decodeComparison, encodeComparison, isComparisonLink } from './link';
import { expandSweep, MAX_RUNS } from './sweep';
import { randomConfig, rng } from './testing';

const byol = { ...defaultConfig('byol'), backend: 'wasm' as const, steps: 30 };
const byolFour: ExperimentConfig[] = [
  byol,
  { ...byol, params: { ...byol.params, predictor: false } },
  { ...byol, params: { ...byol.params, ema: false } },
  { ...byol, params: { ...byol.params, predictor: false, ema: false } },
];

describe('comparison link', () => {
  it('writes the base once and only what differs per run', () => {
    const query = encodeComparison(byolFour);
    expect(query).toBe(`${encodeConfig(byol)}&run=&run=predictor:0&run=ema:0&run=predictor:0,ema:0`);
    expect(isComparisonLink(`https://x.org/app/?${query}`)).toBe(true);
    expect(isComparisonLink(encodeConfig(byol))).toBe(false);
    expect(decodeComparison(`https://x.org/app/?${query}`)).toEqual({ base: byol, configs: byolFour, notices: [] });
  });

  it('writes a method change relative to that method’s defaults', () => {
    const mae = { ...defaultConfig('mae'), backend: 'wasm' as const, steps: 30, params: { ...defaultConfig('mae').params, maskRatio: 0.75 } };
    const query = encodeComparison([byol, mae]);
    // Globals stay the base's (BYOL's lr 0.003, Adam): the run names MAE's own lr, optimiser and reading cadence.
    expect(query.endsWith('&run=&run=method:mae,lr:0.001,optimizer:adamw,weightDecay:0.05,beta2:0.95,metricsEvery:20,probeEvery:200,maskRatio:0.75')).toBe(true);
    expect(decodeComparison(query).configs).toEqual([byol, mae]);
  });

  it('round-trips random configs exactly', () => {
    const r = rng(7);
    for (let trial = 0; trial < 60; trial++) {
      const configs = Array.from({ length: 1 + Math.floor(r() * 6) }, () => randomConfig(r));
      const { configs: back, notices } = decodeComparison(encodeComparison(configs));
      expect(notices).toEqual([]);
      expect(back).toEqual(configs);
    }
  });

  it('round-trips random sweeps exactly', () => {
    const r = rng(11);
    for (let trial = 0; trial < 30; trial++) {
      const base = randomConfig(r);
      const sweep = expandSweep(base, {
        axes: [
          { knob: 'lr', values: [r() * 0.01 + 1e-5, r() * 0.5 + 1e-5] },
          { knob: 'crop', values: [true, false] },
        ],
        seeds: [1, 2 + Math.floor(r() * 100)],
      });
      expect(sweep.ok).toBe(true);
      if (!sweep.ok) continue;
      const configs = sweep.runs.map((x) => x.config);
      expect(decodeComparison(encodeComparison(configs)).configs).toEqual(configs);
    }
  });

  it('keeps the first 32 runs of a longer link and says so', () => {
    const configs = Array.from({ length: 40 }, (_, i) => ({ ...byol, seed: i }));
    const { configs: back, notices } = decodeComparison(encodeComparison(configs));
    expect(back).toEqual(configs.slice(0, MAX_RUNS));
    expect(notices).toEqual([`the link holds 40 runs; only the first ${MAX_RUNS} were kept`]);
  });

  it('leaves out a run that does not validate, names it, and keeps the rest', () => {
    const query = `${encodeConfig(byol)}&run=&run=predictor:maybe&run=lr:0.01&run=nosuch:1&run=batch:2000`;
    const { configs, notices } = decodeComparison(query);
    expect(configs).toEqual([byol, { ...byol, lr: 0.01 }]);
    expect(notices).toEqual([
      'run 2 was left out: predictor=maybe is not 0 or 1 (false or true)',
      'run 4 was left out: byol has no knob "nosuch"',
      expect.stringMatching(/^run 5 was left out: batch=2000 is not a whole number in \[2, 1024\]/),
    ]);
  });

  it('refuses hostile values and clips them in the notice', () => {
    const script = '<script>alert(1)</script>';
    const html = '<img src=x onerror=alert(1)>';
    const long = 'a'.repeat(100_000);
    const hostileBase = new URLSearchParams(encodeConfig(byol));
    hostileBase.set('seed', script);
    const query = [
      hostileBase.toString(),
      'run=',
      `run=method:${encodeURIComponent(script)}`,
      `run=${encodeURIComponent(html)}:1`,
      `run=tauBase:${long}`,
      'run=lr:1e308',
      'run=steps:NaN',
      `run=${long}`,
    ].join('&');
    const { configs, notices } = decodeComparison(query);
    expect(configs).toEqual([byol]);
    expect(notices).toHaveLength(7);
    for (const n of notices) expect(n.length).toBeLessThanOrEqual(241);
    expect(notices.join('\n')).not.toContain(long);
    expect(notices[0]).toMatch(/^seed=<script>alert\(1\)<\/script> is not a plain decimal number/);
    expect(notices.slice(1)).toEqual([
      `run 2 was left out: method=<script>alert(1)</script> is not one of ${METHOD_KEYS.join(', ')}`,
      'run 3 was left out: byol has no knob "<img src=x onerror=alert(1)>"',
      `run 4 was left out: tauBase=${'a'.repeat(40)}… (100000 characters) is not a number in [0.9, 1]`,
      'run 5 was left out: lr=1e308 is not a number in [0.000001, 1]',
      'run 6 was left out: steps=NaN is not a whole number in [1, 200000]',
      `run 7 was left out: "${'a'.repeat(40)}… (100000 characters)" is not name:value`,
    ]);
  });
});

describe('run labels', () => {
  it('names each run by what differs from the others', () => {
    expect(runLabels(byolFour)).toEqual(['BYOL · predictor on · ema on', 'BYOL · predictor off · ema on', 'BYOL · predictor on · ema off', 'BYOL · predictor off · ema off']);
    const mae = defaultConfig('mae');
    expect(runLabels([byol, mae])).toEqual(['BYOL · backend wasm · steps 30 · lr 0.003 · optimizer adam · weightDecay 0 · beta2 0.999 · metricsEvery 10 · probeEvery 100', 'MAE · backend auto · steps 1000 · lr 0.001 · optimizer adamw · weightDecay 0.05 · beta2 0.95 · metricsEvery 20 · probeEvery 200']);
    expect(runLabels([byol, byol])).toEqual(['BYOL · #1', 'BYOL · #2']);
  });
});
