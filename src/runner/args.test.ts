import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunnerArgs } from './args';

describe('runner arguments', () => {
  it('takes a share URL, an output file and a backend', () => {
    const a = parseRunnerArgs(['http://127.0.0.1:5173/?method=rotation&steps=7&backend=wasm', '--out', 'r.json']);
    expect(a.config.method).toBe('rotation');
    expect(a.config.steps).toBe(7);
    expect(a.backend).toBe('wasm');
    expect(a.out).toBe('r.json');
    expect(parseRunnerArgs(['steps=3&backend=auto']).backend).toBe('wasm');
    expect(parseRunnerArgs(['steps=3', '--backend=cpu']).backend).toBe('cpu');
  });

  it('refuses invalid experiments and options, naming each problem', () => {
    expect(() => parseRunnerArgs(['batch=banana&zzz=1'])).toThrow(/batch=banana is not a plain decimal number[\s\S]*unknown parameter "zzz"/);
    expect(() => parseRunnerArgs(['steps=3', '--backend', 'webgl'])).toThrow(/--backend must be one of wasm, cpu, webgpu/);
    expect(() => parseRunnerArgs(['steps=3', '--frobnicate'])).toThrow(/unknown option --frobnicate/);
    expect(() => parseRunnerArgs(['steps=3', 'steps=4'])).toThrow(/only one experiment/);
  });
});

describe('npm run train (the real CLI)', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/runner/cli.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

  it('exits 2 with a clear message on an invalid config', () => {
    const r = cli(['method=simclr&lr=-3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/train: invalid experiment:\n {2}- lr=-3 is outside/);
  });

  it('writes a run in the public format', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ssl-run-')), 'run.json');
    const r = cli(['method=rotation&steps=3&batch=8&n=64&width=4&probeTrain=50&probeTest=50&metricsEvery=1', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const run = JSON.parse(readFileSync(out, 'utf8'));
    expect(run.config.method).toBe('rotation');
    expect(run.backend).toBe('wasm');
    expect(run.outcome).toBe('completed');
    expect(run.history.filter((h: { loss?: number }) => Number.isFinite(h.loss)).map((h: { step: number }) => h.step)).toEqual([1, 2, 3]);
    for (const key of ['probeAccuracy', 'knnAccuracy', 'baselineProbeAccuracy']) {
      expect(run.final[key]).toBeGreaterThanOrEqual(0);
      expect(run.final[key]).toBeLessThanOrEqual(1);
    }
    expect(run.final.embeddingDim).toBe(16);
    expect(run.wallSeconds).toBeGreaterThan(0);
  });
});
