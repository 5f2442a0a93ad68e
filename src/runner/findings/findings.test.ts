import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../core/config/url';
import { CLAIMS } from './claims';
import { baseBudget, parseFindingsArgs, renderDocument } from './cli';
import { DEFAULT_VARIANTS, DEFAULTS_ID } from './defaults';
import { composeQuery, judge, stat, type RunSummary } from './render';

describe('findings', () => {
  it('every claim’s every variant is a valid experiment, and its checks name its variants', () => {
    for (const claim of CLAIMS) {
      const labels = claim.variants.map((v) => v.label);
      expect(new Set(labels).size, claim.id).toBe(labels.length);
      for (const v of claim.variants) {
        const { ignored } = decodeConfig(composeQuery(claim.base, v.query, 'steps=10', 'seed=2'));
        expect(ignored, `${claim.id} / ${v.label}`).toEqual([]);
      }
      for (const c of claim.checks) for (const name of [c.better, ...c.worse]) expect(labels, `${claim.id} check`).toContain(name);
    }
    expect(DEFAULT_VARIANTS.map((v) => v.label)).toContain('supervised');
  });

  it('later query parts override earlier ones name by name', () => {
    expect(composeQuery('method=mae&steps=500', 'maskRatio=0.5', 'steps=30')).toBe('method=mae&steps=30&maskRatio=0.5');
  });

  it('mean and sample sd; a verdict needs the gap to beat the seed spread', () => {
    expect(stat([0.8, 0.9, 1.0])).toEqual({ mean: expect.closeTo(0.9, 12), sd: expect.closeTo(0.1, 12), n: 3 });
    const cells: Record<string, number[]> = { a: [0.9, 0.91, 0.92], b: [0.8, 0.81, 0.82], c: [0.9, 0.7, 1.0], d: [0.95, 0.96, 0.97] };
    const cell = (v: string) => stat(cells[v] ?? []);
    expect(judge({ metric: 'probeAccuracy', better: 'a', worse: ['b'] }, cell).verdict).toBe('reproduces');
    expect(judge({ metric: 'probeAccuracy', better: 'a', worse: ['c'] }, cell).verdict).toBe('partly');
    expect(judge({ metric: 'probeAccuracy', better: 'a', worse: ['b', 'd'] }, cell).verdict).toBe('partly');
    expect(judge({ metric: 'probeAccuracy', better: 'b', worse: ['a'] }, cell).verdict).toBe('does not reproduce');
    expect(judge({ metric: 'loss', better: 'b', worse: ['a'], lowerIsBetter: true }, cell).verdict).toBe('reproduces');
    expect(judge({ metric: 'probeAccuracy', better: 'zz', worse: ['a'] }, cell).verdict).toBe('not run');
  });

  it('renders tables with what ran and says what did not', () => {
    const runs: RunSummary[] = [1, 2].flatMap((seed) => [
      { claim: 'simsiam-stopgrad', variant: 'stop-gradient', seed, wallSeconds: 60, query: 'method=simsiam&steps=100', set: 'steps=100', final: { l2NormalizedStd: 0.1 + seed * 0.001, probeAccuracy: 0.8, loss: -0.9 } },
      { claim: 'simsiam-stopgrad', variant: 'no stop-gradient', seed, wallSeconds: 50, query: 'method=simsiam&stopGrad=0&steps=100', set: 'steps=100', final: { l2NormalizedStd: 0.001, probeAccuracy: 0.3, loss: -1 } },
      { claim: DEFAULTS_ID, variant: 'simclr', seed, wallSeconds: 200, query: 'method=simclr', final: { probeAccuracy: 0.9, knnAccuracy: 0.85, pcaProbeAccuracy: 0.85, pixelProbeAccuracy: 0.86, baselineProbeAccuracy: 0.7 } },
    ]);
    const doc = renderDocument(runs);
    expect(doc).toMatch(/## SimSiam collapses without stop-gradient[\s\S]*\| stop-gradient \| 0\.1015 ± 0\.0007 \(2\)[\s\S]*\*\*Verdict: reproduces\*\* \(seeds 1, 2\)/);
    expect(doc).toMatch(/\| SimCLR \| 200 s \| 90\.0% ± 0\.0 \(2\) \| 85\.0% \| 70\.0% \| 86\.0% \| 85\.0% \| yes \|/);
    expect(doc).toMatch(/## BYOL needs its predictor[\s\S]*not run[\s\S]*\*\*Verdict: not run\*\*/);
    expect(doc).toContain("`npm run findings -- --only simsiam-stopgrad` (run with `--set 'steps=100'`)");
    expect(doc).toContain('`npm run findings -- --only defaults` (each method’s defaults)');
    // A claim's reading of its result follows its verdict once it has run, and not before.
    const mae = CLAIMS.find((c) => c.id === 'mae-mask-ratio-plateau')!;
    expect(doc).not.toContain(mae.why);
    const maeRuns = ['0.1', '0.25', '0.75', '0.9'].map((r) => ({ claim: mae.id, variant: `maskRatio=${r}`, seed: 1, wallSeconds: 90, query: `v=4&method=mae&maskRatio=${r}`, final: { probeAccuracy: 0.7, reconMse: 0.04 } }));
    const ran = renderDocument([...runs, ...maeRuns]);
    expect(ran).toContain(`**Why.** ${mae.why}`);
  });

  it('a claim’s budget is the defaults its base names (link version) plus what the base sets', () => {
    expect(baseBudget('method=mae')).toBe('the defaults');
    expect(baseBudget('v=3&method=byol')).toBe('the defaults of link format v3');
    expect(baseBudget('v=4&method=mae&steps=3000&probeEvery=500')).toBe('the defaults of link format v4 with `steps=3000&probeEvery=500`');
    const doc = renderDocument([{ claim: 'mae-mask-ratio-long', variant: 'maskRatio=0.25', seed: 1, wallSeconds: 900, query: 'v=4&method=mae&steps=3000&probeEvery=500&maskRatio=0.25&seed=1', final: { probeAccuracy: 0.79 } }]);
    expect(doc).toContain('`npm run findings -- --only mae-mask-ratio-long` (the defaults of link format v4 with `steps=3000&probeEvery=500`)');
  });

  it('label efficiency: one row per protocol at 1/10/100% of the labels, mean ± sd over seeds; CPU seconds beside wall', () => {
    const final = (seed: number) => ({
      probeAccuracy1pct: 0.3 + seed / 100, probeAccuracy10pct: 0.6, probeAccuracy100pct: 0.85,
      finetuneAccuracy1pct: 0.35, finetuneAccuracy10pct: 0.7, finetuneAccuracy100pct: 0.9,
      baselineProbeAccuracy1pct: 0.2, baselineProbeAccuracy10pct: 0.4, baselineProbeAccuracy100pct: 0.7,
      baselineFinetuneAccuracy1pct: 0.25, baselineFinetuneAccuracy10pct: 0.5, baselineFinetuneAccuracy100pct: 0.88,
      knnAccuracy: 0.8, probeAccuracy: 0.85,
    });
    const runs: RunSummary[] = [1, 3].map((seed) => ({ claim: 'label-efficiency', variant: 'simclr', seed, wallSeconds: 400, cpuSeconds: 380, query: 'method=simclr&finetuneSteps=100', final: final(seed) }));
    runs.push({ claim: DEFAULTS_ID, variant: 'supervised', seed: 1, wallSeconds: 100, cpuSeconds: 90, query: 'method=supervised', final: { probeAccuracy: 0.93 } });
    const doc = renderDocument(runs);
    // seeds 1 and 3: 1% probe 0.31 and 0.33 → mean 32.0%, sd 1.4 points
    expect(doc).toContain('| SimCLR | SSL, linear probe | 32.0% ± 1.4 | 60.0% ± 0.0 | 85.0% ± 0.0 |');
    expect(doc).toContain('| SimCLR | random init, fine-tune (supervised on these labels) | 25.0% ± 0.0 | 50.0% ± 0.0 | 88.0% ± 0.0 |');
    expect(doc).toContain('| MAE | not run |');
    expect(doc).toContain('Supervised reference at its defaults (100% of the labels): 93.0%.');
    expect(doc).toContain('| Supervised (reference) | 100 s (90 s CPU) |');
  });

  it('the issue-15 claims run their preset’s budget, so a preset and its row are one experiment', () => {
    const moco = CLAIMS.find((c) => c.id === 'moco-ablation')!;
    expect(moco.base).toContain('steps=150');
    expect(moco.base).toContain('width=8');
    expect(moco.base).not.toContain('seed=');
    expect(moco.variants.find((v) => v.label.startsWith('(e)'))!.query).toContain('steps=300');
    expect(CLAIMS.find((c) => c.id === 'byol-batchnorm')!.base).toContain('batchNorm=0');
  });

  it('refuses unknown claims and bad overrides before running anything', () => {
    expect(() => parseFindingsArgs(['--only', 'nope'])).toThrow(/unknown claim nope/);
    expect(() => parseFindingsArgs(['--set', 'steps=banana'])).toThrow(/--set: steps=banana is not a plain decimal/);
    expect(parseFindingsArgs(['--only', 'mae-mask-ratio', '--seeds', '1,2']).seeds).toEqual([1, 2]);
  });
});
