import { describe, expect, it } from 'vitest';
import { METHOD_SPECS } from '../config/methods';
import { defaultConfig } from '../config/schema';
import { expandSweep, MAX_RUNS, parseSeeds, parseSweepAxes, sweepSize } from './sweep';
import { parseValues, rangeValues } from './values';
import { findKnob } from './knobs';

const base = { ...defaultConfig('mae'), steps: 20, batch: 16, n: 256 };
const knob = (name: string, method = base.method) => findKnob(name, method)!.knob;

describe('sweep values', () => {
  it('reads lists, linear ranges and log ranges', () => {
    expect(parseValues(knob('maskRatio'), '0.25,0.5,0.75,0.9')).toEqual({ ok: true, values: [0.25, 0.5, 0.75, 0.9] });
    expect(parseValues(knob('maskRatio'), '0.1..0.9:5')).toEqual({ ok: true, values: [0.1, 0.3, 0.5, 0.7, 0.9] });
    // Evenly spaced exponents: 1e-4, 1e-3, 1e-2, exactly as written.
    expect(parseValues(knob('lr'), '1e-4..1e-2:3:log')).toEqual({ ok: true, values: [1e-4, 1e-3, 1e-2] });
    const log4 = rangeValues(0.01, 1, 5, 'log');
    expect(log4.map((v) => Math.log10(v))).toEqual([-2, -1.5, -1, -0.5, 0].map((e) => expect.closeTo(e, 10)));
  });

  it('rounds ranges of whole-number knobs and drops repeats', () => {
    expect(parseValues(knob('batch'), '8..10:5')).toEqual({ ok: true, values: [8, 9, 10] });
  });

  it('reads toggles and choices by name, and refuses values outside the table', () => {
    expect(parseValues(knob('predictor', 'byol'), '1,0')).toEqual({ ok: true, values: [true, false] });
    expect(parseValues(knob('maskType'), 'random,grid')).toEqual({ ok: true, values: ['random', 'grid'] });
    const bad = parseValues(knob('maskType'), 'random,square');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain('one of random, block, grid');
    const range = parseValues(knob('maskType'), '1..2:3');
    expect(range.ok).toBe(false);
    const neg = parseValues(knob('lr'), '0..1:3:log');
    expect(neg.ok).toBe(false);
  });
});

describe('sweep axes from --vary', () => {
  it('names an unknown knob and lists the knobs that can vary', () => {
    const r = parseSweepAxes(base, ['temperature=0.1,0.2']);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toContain('unknown knob "temperature" for mae');
      expect(r.errors[0]).toContain('maskRatio');
    }
  });

  it('names the knob and its allowed values for a bad value', () => {
    const r = parseSweepAxes(base, ['maskRatio=0.5,2']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^maskRatio=0\.5,2: 2 is not allowed; maskRatio takes a number in \[/);
  });

  it('reads method knobs against every method of a method axis', () => {
    // temperature: SimCLR and MoCo both have it, MAE does not.
    expect(parseSweepAxes(base, ['method=simclr,moco', 'temperature=0.1,0.5']).ok).toBe(true);
    const r = parseSweepAxes(base, ['method=simclr,mae', 'temperature=0.1']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toContain('for mae');
  });

  it('takes 1 to 5 seeds', () => {
    expect(parseSeeds('1,2,3')).toEqual({ ok: true, seeds: [1, 2, 3] });
    expect(parseSeeds('1,2,3,4,5,6').ok).toBe(false);
    expect(parseSeeds('x').ok).toBe(false);
  });
});

describe('expandSweep', () => {
  it('runs the cross product, first axis outermost, seeds innermost', () => {
    const spec = { axes: [{ knob: 'maskRatio', values: [0.25, 0.75] }, { knob: 'normPixels', values: [true, false] }], seeds: [1, 2, 3] };
    const r = expandSweep(base, spec);
    expect(sweepSize(spec)).toBe(12);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.runs.map((x) => [x.config.params.maskRatio, x.config.params.normPixels, x.config.seed])).toEqual([
      [0.25, true, 1], [0.25, true, 2], [0.25, true, 3], [0.25, false, 1], [0.25, false, 2], [0.25, false, 3],
      [0.75, true, 1], [0.75, true, 2], [0.75, true, 3], [0.75, false, 1], [0.75, false, 2], [0.75, false, 3],
    ]);
    // Everything not varied stays the base's.
    for (const run of r.runs) expect({ ...run.config, seed: 0, params: { ...run.config.params, maskRatio: 0, normPixels: false } }).toEqual({ ...base, seed: 0, params: { ...base.params, maskRatio: 0, normPixels: false } });
    expect(r.runs[4].values).toEqual({ maskRatio: 0.25, normPixels: false, seed: 2 });
  });

  it('sweeps the method itself, each run with its own method defaults plus the varied knob', () => {
    const r = expandSweep(base, { axes: [{ knob: 'temperature', values: [0.2] }, { knob: 'method', values: ['simclr', 'moco'] }], seeds: [] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.runs.map((x) => x.config.method)).toEqual(['simclr', 'moco']);
    expect(r.runs[1].config.params).toEqual({ ...defaultConfig('moco').params, temperature: 0.2 });
    expect(r.runs[0].config.steps).toBe(20);
    expect(Object.keys(r.runs[0].config.params).sort()).toEqual(METHOD_SPECS.simclr.knobs.map((k) => k.name).sort());
  });

  it('sweeps a log range of learning rates with the base seed when no seeds are given', () => {
    const axes = parseSweepAxes(base, ['lr=1e-4..1e-2:3:log']);
    expect(axes.ok).toBe(true);
    if (!axes.ok) return;
    const r = expandSweep(base, { axes: axes.axes, seeds: [] });
    expect(r.ok && r.runs.map((x) => [x.config.lr, x.config.seed])).toEqual([[1e-4, base.seed], [1e-3, base.seed], [1e-2, base.seed]]);
  });

  it('refuses more than MAX_RUNS runs and runs that break a cross-field limit, naming them', () => {
    const big = expandSweep(base, { axes: [{ knob: 'seed', values: Array.from({ length: 33 }, (_, i) => i) }], seeds: [] });
    expect(big).toEqual({ ok: false, errors: [`the sweep has 33 runs; at most ${MAX_RUNS} (fewer values or seeds)`] });
    const tooBig = expandSweep(base, { axes: [{ knob: 'batch', values: [16, 512] }], seeds: [] });
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) expect(tooBig.errors).toEqual([expect.stringContaining('run batch=512: batch: batch 512 is larger than the 256 unlabelled images')]);
  });
});
