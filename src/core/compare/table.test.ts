import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/schema';
import type { FinalMetrics } from '../train/run';
import { runLabels } from './labels';
import { resultsTable, sortRows, toCsv, toMarkdown, type ComparedRecord } from './table';

const final = (probe: number, loss: number): FinalMetrics => ({
  probeAccuracy: probe,
  knnAccuracy: probe / 2,
  baselineProbeAccuracy: 0.1,
  baselineKnnAccuracy: 0.1,
  l2NormalizedStd: 0.05,
  rankMe: 12,
  embeddingDim: 64,
  loss,
});
const byol = { ...defaultConfig('byol'), steps: 40 };
const record = (params: Record<string, boolean>, probe: number, loss: number, steps = 40): ComparedRecord => ({
  config: { ...byol, params: { ...byol.params, ...params } },
  backend: 'wasm',
  wallSeconds: 10 + probe,
  outcome: 'completed',
  final: final(probe, loss),
  history: [{ step: steps, loss }],
});
const records = [record({}, 0.6, 0.2), record({ predictor: false }, 0.3, 0.01), record({ predictor: false, ema: false }, 0.12, NaN, 17)];
const runs = records.map((r, i) => ({ label: runLabels(records.map((x) => x.config))[i], record: r }));

describe('results table', () => {
  it('has one row per run with the knobs that differ, and leaves equal config columns out when asked', () => {
    const all = resultsTable(runs);
    expect(all.columns.map((c) => c.key)).toEqual(['label', 'method', 'predictor', 'ema', 'steps', 'batch', 'backend', 'stepsDone', 'outcome', 'wallSeconds', 'loss', 'probeAccuracy', 'knnAccuracy', 'l2NormalizedStd', 'rankMe', 'baselineProbeAccuracy']);
    expect(all.rows.map((r) => [r.label, r.predictor, r.ema, r.stepsDone, r.loss])).toEqual([
      ['BYOL · predictor on · ema on', '1', '1', 40, 0.2],
      ['BYOL · predictor off · ema on', '0', '1', 40, 0.01],
      ['BYOL · predictor off · ema off', '0', '0', 17, null],
    ]);
    const diff = resultsTable(runs, true);
    expect(diff.columns.filter((c) => c.config).map((c) => c.key)).toEqual(['predictor', 'ema']);
  });

  it('transfer and fine-tuning: an "evaluated on" column marking same- and cross-domain, fine-tune columns when a run has them', () => {
    const home = { ...record({}, 0.6, 0.2), config: { ...byol, evalDataset: 'mnist' as const } };
    const away = { ...record({}, 0.4, 0.2), config: { ...byol, evalDataset: 'fashion-mnist' as const }, final: { ...final(0.4, 0.2), finetuneAccuracy: 0.7, baselineFinetuneAccuracy: 0.5 } };
    const plain = record({}, 0.5, 0.2);
    const t = resultsTable([home, away, plain].map((record, i) => ({ label: `r${i}`, record })));
    expect(t.rows.map((r) => r.evaluatedOn)).toEqual(['mnist → mnist (same-domain)', 'mnist → fashion-mnist (cross-domain)', 'same']);
    expect(t.rows.map((r) => [r.finetuneAccuracy, r.baselineFinetuneAccuracy])).toEqual([[null, null], [0.7, 0.5], [null, null]]);
    // Without transfer or fine-tuning the table is as it was (the first test's columns).
    expect(resultsTable(runs).columns.some((c) => c.key === 'evaluatedOn' || c.key === 'finetuneAccuracy')).toBe(false);
  });

  it('sorts by any column both ways, missing values last', () => {
    const { rows } = resultsTable(runs);
    expect(sortRows(rows, 'probeAccuracy', 'asc').map((r) => r.probeAccuracy)).toEqual([0.12, 0.3, 0.6]);
    expect(sortRows(rows, 'probeAccuracy', 'desc').map((r) => r.probeAccuracy)).toEqual([0.6, 0.3, 0.12]);
    expect(sortRows(rows, 'loss', 'asc').map((r) => r.loss)).toEqual([0.01, 0.2, null]);
    expect(sortRows(rows, 'loss', 'desc').map((r) => r.loss)).toEqual([0.2, 0.01, null]);
    expect(sortRows(rows, 'label', 'asc').map((r) => r.label)).toEqual(['BYOL · predictor off · ema off', 'BYOL · predictor off · ema on', 'BYOL · predictor on · ema on']);
  });

  it('exports CSV with full-precision values and Markdown with readable ones', () => {
    const t = resultsTable(runs, true);
    const csv = toCsv({ ...t, rows: [...t.rows, { ...t.rows[0], label: 'has "quotes", commas' }] }).trim().split('\n');
    expect(csv[0]).toBe('run,predictor,ema,steps done,outcome,wall s,final loss,probe,kNN,std,RankMe,random-init probe');
    expect(csv[1]).toBe('BYOL · predictor on · ema on,1,1,40,completed,10.6,0.2,0.6,0.3,0.05,12,0.1');
    expect(csv[3]).toBe('BYOL · predictor off · ema off,0,0,17,completed,10.12,,0.12,0.06,0.05,12,0.1');
    expect(csv[4].startsWith('"has ""quotes"", commas",')).toBe(true);
    const md = toMarkdown(t).split('\n');
    expect(md[2]).toBe('| BYOL · predictor on · ema on | 1 | 1 | 40 | completed | 10.6 | 0.2 | 60.0% | 30.0% | 0.05 | 12 | 10.0% |');
    expect(md[4]).toContain('| — |');
  });
});
