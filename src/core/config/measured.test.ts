import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEASURED_AT_DEFAULTS, measuredSentence } from './measured';
import type { MethodKey } from './methods';
import { readParityRecords, type ParityCurve } from '../../runner/findings/parity';

const FINDINGS = join(__dirname, '..', '..', '..', 'docs', 'findings');
const DIR = join(FINDINGS, 'defaults');
const LONGER_DIR = join(FINDINGS, 'longer');

describe('measured at defaults', () => {
  it('is the findings’ record: one entry per method recorded in docs/findings/defaults, same numbers', () => {
    const byMethod = new Map<string, { final: Record<string, number>; wallSeconds: number; cpuSeconds: number }[]>();
    for (const f of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
      const run = JSON.parse(readFileSync(join(DIR, f), 'utf8'));
      byMethod.set(run.variant, [...(byMethod.get(run.variant) ?? []), run]);
    }
    expect(Object.keys(MEASURED_AT_DEFAULTS).sort()).toEqual([...byMethod.keys()].sort());
    for (const [method, runs] of byMethod) {
      const mean = (f: (r: (typeof runs)[number]) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
      const m = MEASURED_AT_DEFAULTS[method as MethodKey]!;
      expect(m.seeds, method).toBe(runs.length);
      expect(m.probe, method).toBeCloseTo(mean((r) => r.final.probeAccuracy), 3);
      expect(m.pca, method).toBeCloseTo(mean((r) => r.final.pcaProbeAccuracy), 3);
      expect(m.pixels, method).toBeCloseTo(mean((r) => r.final.pixelProbeAccuracy), 3);
      expect(m.randomInit, method).toBeCloseTo(mean((r) => r.final.baselineProbeAccuracy), 3);
      expect(Math.abs(m.wallSeconds - mean((r) => r.wallSeconds)), method).toBeLessThan(1);
      expect(Math.abs(m.cpuSeconds - mean((r) => r.cpuSeconds)), method).toBeLessThan(1);
    }
  });

  it('carries each longer run recorded in docs/findings/longer, and only those', () => {
    const recorded = new Map<string, { final: Record<string, number>; cpuSeconds: number; query: string }>();
    for (const f of readdirSync(LONGER_DIR).filter((f) => f.endsWith('.json'))) {
      const run = JSON.parse(readFileSync(join(LONGER_DIR, f), 'utf8'));
      recorded.set(run.variant, run);
    }
    const withLonger = Object.entries(MEASURED_AT_DEFAULTS).filter(([, m]) => m.longer).map(([k]) => k);
    expect(withLonger.sort()).toEqual([...recorded.keys()].sort());
    for (const [method, run] of recorded) {
      const l = MEASURED_AT_DEFAULTS[method as MethodKey]!.longer!;
      expect(l.steps, method).toBe(Number(new URLSearchParams(run.query).get('steps')));
      expect(l.probe, method).toBeCloseTo(run.final.probeAccuracy, 3);
      expect(Math.abs(l.cpuSeconds - run.cpuSeconds), method).toBeLessThan(1);
      // A longer run is the method's defaults with more steps: today's link format, not an older one's.
      expect(new URLSearchParams(run.query).has('v'), method).toBe(false);
    }
  });

  it('carries each PyTorch parity run recorded in docs/findings/parity (probes at its last reading), and says it under the method', () => {
    const last = (c: ParityCurve) => c.probes[c.probes.length - 1];
    // readParityRecords: the one rule for which files in docs/findings/parity are records (not the encoder study's).
    const records = readParityRecords(join(FINDINGS, 'parity'));
    const withParity = Object.entries(MEASURED_AT_DEFAULTS).filter(([, m]) => m.parity).map(([k]) => k);
    expect(withParity.sort()).toEqual(records.map((r) => r.id).sort());
    for (const r of records) {
      const p = MEASURED_AT_DEFAULTS[r.id as MethodKey]!.parity!;
      expect(p.steps, r.id).toBe(last(r.tfjs).step);
      expect(p.app, r.id).toBeCloseTo(last(r.tfjs).probeAccuracy, 3);
      expect(p.pytorchSameInit, r.id).toBeCloseTo(last(r.pytorchAppInit).probeAccuracy, 3);
      expect(p.pytorchOwnInit, r.id).toBeCloseTo(last(r.pytorch).probeAccuracy, 3);
    }
    const mae = MEASURED_AT_DEFAULTS.mae!.parity!;
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    expect(mae.linkVersion).toBe(4);
    expect(measuredSentence('mae', 'MAE')).toMatch(
      // MAE's parity run was made at link format v4's defaults (Adam), before v5's AdamW: the sentence says so.
      new RegExp(`Its PyTorch export, trained ${mae.steps.toLocaleString('en-US')} steps at link format v4’s defaults like the app \\(${pct(mae.app)}\\), probes ${pct(mae.pytorchSameInit)} from the same initial weights and ${pct(mae.pytorchOwnInit)} from another draw\\.$`),
    );
  });

  it('says plainly when a method stays below PCA (with its longer run), and nothing for an unmeasured method', () => {
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    // A made-up method below PCA with a longer run (the measured ones below PCA, MAE and MSN, add parity sentences).
    const r = { probe: 0.754, pca: 0.785, pixels: 0.88, randomInit: 0.685, wallSeconds: 271, cpuSeconds: 248, seeds: 1, longer: { steps: 1500, probe: 0.687, cpuSeconds: 769 } };
    const table = MEASURED_AT_DEFAULTS as Record<string, typeof r>;
    table.below = r;
    try {
      expect(measuredSentence('below' as never, 'It')).toBe(
        `Measured at these defaults on MNIST (1 seed, about 4 min of one CPU core on WASM): linear probe ${pct(r.probe)}; random init ${pct(r.randomInit)}, PCA ${pct(r.pca)}, raw pixels ${pct(r.pixels)}. At this budget It does not beat PCA: its features are not yet better than a linear projection of the pixels (docs/FINDINGS.md). A run of 1,500 steps (about 13 min) probes ${pct(r.longer.probe)}.`,
      );
    } finally {
      delete table.below;
    }
    // SimCLR clears PCA + 2 points at its defaults (probe and PCA from docs/findings/defaults).
    const s = MEASURED_AT_DEFAULTS.simclr!;
    expect(s.probe).toBeGreaterThanOrEqual(s.pca + 0.02);
    expect(measuredSentence('simclr', 'SimCLR')).toContain(`SimCLR clears PCA by ${((s.probe - s.pca) * 100).toFixed(1)} points.`);
    expect(measuredSentence('nothing' as never, 'X')).toBeNull();
  });

  it('between PCA and PCA + 2 points it says the margin is short', () => {
    const entry = { probe: 0.8, pca: 0.79, pixels: 0.88, randomInit: 0.69, wallSeconds: 100, cpuSeconds: 100, seeds: 1 };
    const table = MEASURED_AT_DEFAULTS as Record<string, typeof entry>;
    table.nothing = entry;
    try {
      expect(measuredSentence('nothing' as never, 'X')).toContain('At this budget X beats PCA by 1.0 points only, short of the 2-point margin a method should clear');
    } finally {
      delete table.nothing;
    }
  });
});
