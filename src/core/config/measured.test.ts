import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEASURED_AT_DEFAULTS, measuredSentence } from './measured';
import type { MethodKey } from './methods';

const DIR = join(__dirname, '..', '..', '..', 'docs', 'findings', 'defaults');

describe('measured at defaults', () => {
  it('is the findings’ record: one entry per method recorded in docs/findings/defaults, same numbers', () => {
    const byMethod = new Map<string, { final: Record<string, number>; wallSeconds: number }[]>();
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
    }
  });

  it('says plainly when a method stays below PCA, and nothing for an unmeasured method', () => {
    expect(measuredSentence('rotation', 'Rotation')).toBe(
      'Measured at these defaults on MNIST (1 seed, 23 min on WASM on a shared 2-core CPU): linear probe 73.0%; random init 69.1%, PCA 84.2%, raw pixels 88.0%. At this budget Rotation does not yet beat PCA: train longer or wider (docs/FINDINGS.md has its longer runs).',
    );
    expect(measuredSentence('simclr', 'SimCLR')).toBe(
      'Measured at these defaults on MNIST (1 seed, 22 min on WASM on a shared 2-core CPU): linear probe 88.5%; random init 68.5%, PCA 78.5%, raw pixels 88.0%. SimCLR clears PCA by 10.0 points.',
    );
    expect(measuredSentence('dino', 'DINO')).toBeNull();
  });
});
