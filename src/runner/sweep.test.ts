import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeComparison } from '../core/compare/link';
import { decodeConfig } from '../core/config/url';
import { parseSweepArgs } from './sweepArgs';

const TINY = 'method=mae&steps=2&batch=8&n=64&width=4&probeTrain=40&probeTest=40&metricsEvery=1&probeEvery=0';
const node = (script: string, args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 180_000 });

describe('sweep arguments', () => {
  it('expands --vary and --seeds over the base link', () => {
    const a = parseSweepArgs([`http://x/?${TINY}`, '--vary', 'maskRatio=0.25,0.75', '--seeds=1,2', '--out', 'd']);
    expect(a.runs.map((r) => [r.config.params.maskRatio, r.config.seed])).toEqual([[0.25, 1], [0.25, 2], [0.75, 1], [0.75, 2]]);
    expect(a.axes).toEqual([{ knob: 'maskRatio', values: [0.25, 0.75] }]);
    expect(a.backend).toBe('wasm');
  });

  it('runs a comparison link as it is, repeated per seed', () => {
    const base = decodeConfig(TINY).config;
    const link = encodeComparison([base, { ...base, params: { ...base.params, normPixels: false } }]);
    const a = parseSweepArgs([link, '--seeds', '3,4', '--out', 'd']);
    expect(a.runs.map((r) => [r.config.params.normPixels, r.config.seed])).toEqual([[true, 3], [true, 4], [false, 3], [false, 4]]);
  });

  it('accepts a lecture link’s hide= (it only concerns the page)', () => {
    expect(parseSweepArgs([`${TINY}&hide=augment,share`, '--vary', 'maskRatio=0.5', '--out', 'd']).runs).toHaveLength(1);
    expect(() => parseSweepArgs([`${TINY}&hide=nonsense`, '--vary', 'maskRatio=0.5', '--out', 'd'])).toThrow(/invalid experiment: hide=nonsense is not a control group/);
  });

  it('lists every problem at once', () => {
    expect(() => parseSweepArgs([TINY, '--vary', 'maskRatio=2', '--vary', 'temperature=0.1', '--seeds', '1,2,3,4,5,6'])).toThrow(
      /--out DIR is needed[\s\S]*--seeds takes 1 to 5 seeds[\s\S]*maskRatio=2: 2 is not allowed; maskRatio takes a number in[\s\S]*unknown knob "temperature" for mae; knobs that can vary: method, dataset/,
    );
  });
});

describe('npm run sweep (the real CLI)', () => {
  it('exits 2 on a bad --vary, naming the knob and its values, before anything trains', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ssl-sweep-')), 'never');
    const r = node('src/runner/sweep.ts', [TINY, '--vary', 'maskType=random,square', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('sweep: maskType=random,square: square is not allowed; maskType takes one of random, block, grid');
    expect(r.stderr).not.toContain('runs on');
    expect(existsSync(out)).toBe(false);
  });

  it('writes every run, summary.csv and summary.md with one row per run and mean/min/max per value', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ssl-sweep-')), 'out');
    const r = node('src/runner/sweep.ts', [TINY, '--vary', 'maskRatio=0.25,0.75', '--seeds', '1,2', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    // One progress line per run.
    expect(r.stderr.match(/^sweep: \[\d\/4\] maskRatio=0\.\d+ seed=\d: completed in/gm)).toHaveLength(4);
    const runs = [1, 2, 3, 4].map((i) => JSON.parse(readFileSync(join(out, `run-0${i}.json`), 'utf8')));
    expect(runs.map((x) => [x.config.params.maskRatio, x.config.seed, x.outcome])).toEqual([[0.25, 1, 'completed'], [0.25, 2, 'completed'], [0.75, 1, 'completed'], [0.75, 2, 'completed']]);
    const [header, ...lines] = readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\n');
    const cols = header.split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    expect(rows.map((x) => x.row)).toEqual(['run', 'run', 'run', 'run', 'mean', 'min', 'max', 'mean', 'min', 'max']);
    rows.slice(0, 4).forEach((row, i) => {
      expect(Number(row.probe)).toBe(runs[i].final.probeAccuracy);
      expect(row.file).toBe(`run-0${i + 1}.json`);
    });
    // The aggregate rows recomputed here from the run files.
    const probes = (ratio: number) => runs.filter((x) => x.config.params.maskRatio === ratio).map((x) => x.final.probeAccuracy);
    for (const [k, ratio] of [[4, 0.25], [7, 0.75]] as const) {
      expect(rows[k].maskRatio).toBe(String(ratio));
      expect(Number(rows[k].probe)).toBeCloseTo((probes(ratio)[0] + probes(ratio)[1]) / 2, 12);
      expect(Number(rows[k + 1].probe)).toBe(Math.min(...probes(ratio)));
      expect(Number(rows[k + 2].probe)).toBe(Math.max(...probes(ratio)));
    }
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md.match(/^\| MAE · seed \d · maskRatio 0\.\d+ \|/gm)).toHaveLength(4);
    expect(md).toContain('## By maskRatio');
    expect(md.match(/^\| maskRatio \| 0\.(25|75) \| (mean|min|max) \| 2 \|/gm)).toHaveLength(6);
  });

  it('npm run train runs each experiment of a comparison link into its own file', () => {
    const base = decodeConfig(TINY).config;
    const link = `http://x/?${encodeComparison([base, { ...base, seed: 5 }])}`;
    const out = join(mkdtempSync(join(tmpdir(), 'ssl-cmp-')), 'runs');
    const r = node('src/runner/cli.ts', [link, '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect([1, 2].map((i) => JSON.parse(readFileSync(join(out, `run-0${i}.json`), 'utf8')).config.seed)).toEqual([1, 5]);
    expect(node('src/runner/cli.ts', [link]).stderr).toContain('give --out DIR');
  });
});
