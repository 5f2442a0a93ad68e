import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEASURED_AT_DEFAULTS, measuredSentence } from './measured';
import type { MethodKey } from './methods';

const DIR = join(__dirname, '..', '..', '..', 'docs', 'findings', 'defaults');

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

  it('says plainly when a method stays below PCA, and nothing for an unmeasured method', () => {
    const r = MEASURED_AT_DEFAULTS.rotation!;
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    expect(measuredSentence('rotation', 'Rotation')).toBe(
      `Measured at these defaults on MNIST (1 seed, about ${Math.max(1, Math.round(r.cpuSeconds / 60))} min of one CPU core on WASM): linear probe ${pct(r.probe)}; random init ${pct(r.randomInit)}, PCA ${pct(r.pca)}, raw pixels ${pct(r.pixels)}. At this budget Rotation does not beat PCA: its features are not yet better than a linear projection of the pixels (docs/FINDINGS.md).`,
    );
    // SimCLR clears PCA + 2 points at its defaults (probe and PCA from docs/findings/defaults).
    const s = MEASURED_AT_DEFAULTS.simclr!;
    expect(s.probe).toBeGreaterThanOrEqual(s.pca + 0.02);
    expect(measuredSentence('simclr', 'SimCLR')).toContain(`SimCLR clears PCA by ${((s.probe - s.pca) * 100).toFixed(1)} points.`);
    // A hand-made entry: 90 CPU seconds read as about 2 minutes (rounded), below-PCA wording.
    expect(measuredSentence('nothing' as never, 'X')).toBeNull();
  });
});
