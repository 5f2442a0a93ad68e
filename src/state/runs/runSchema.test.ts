import { describe, expect, it } from 'vitest';
import { errorsOf, realRun, realRunJson } from './fixture';
import { MAX_RUN_FILE_BYTES, parseRunFileText, parseRunRecord, runFileSizeError } from './runSchema';
import { summarize } from './summary';


describe('parseRunRecord accepts', () => {
  it('a real run from the runner, dropping only the keys a RunRecord has not', () => {
    const r = parseRunRecord(realRunJson());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.run).toEqual(realRun());
    expect(r.run).not.toHaveProperty('adapter');
  });

  it('the same run after a JSON round trip (what Export run writes)', () => {
    const r = parseRunFileText(JSON.stringify(realRun(), null, 2));
    expect(r).toEqual({ ok: true, run: realRun() });
  });

  it('a diverged run whose last loss JSON wrote as null, reading it back as NaN', () => {
    const run = realRunJson();
    run.outcome = 'diverged';
    run.message = 'Loss became NaN at step 3; the run was stopped. Try a lower learning rate.';
    run.history[3] = { step: 3, loss: null };
    run.final.loss = null;
    const r = parseRunFileText(JSON.stringify(run));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.run.history[3].loss).toBeNaN();
    expect(r.run.final.loss).toBeNaN();
    expect(r.run.message).toMatch(/^Loss became NaN/);
  });

  it('a run trained without evaluation (train.py --no-eval): no probe, kNN or collapse numbers, held absent', () => {
    const run = realRunJson();
    for (const key of ['probeAccuracy', 'knnAccuracy', 'baselineProbeAccuracy', 'baselineKnnAccuracy', 'l2NormalizedStd', 'rankMe', 'pixelProbeAccuracy', 'pcaProbeAccuracy']) delete run.final[key];
    run.history = run.history.map((row) => ({ step: row.step, loss: row.loss }));
    run.backend = 'PyTorch 2.4.0 on node17: 16 processes, 8× NVIDIA H100 80GB HBM3';
    const r = parseRunFileText(JSON.stringify(run));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.run.final).sort()).toEqual(Object.keys(run.final).sort());
    expect(r.run.final).not.toHaveProperty('probeAccuracy');
    expect(r.run.final.loss).toBe(run.final.loss);
    expect(summarize({ id: 'a', savedAt: 1, run: r.run }).finalProbe).toBeNaN();
  });

  it('a stopped run that did not reach config.steps, with extra method metrics', () => {
    const run = realRunJson();
    run.outcome = 'stopped';
    run.history = run.history.slice(0, 3);
    run.history[2].alignment = 0.5;
    const r = parseRunRecord(run);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.run.history[2].alignment).toBe(0.5);
  });
});

describe('parseRunRecord refuses, saying where and why', () => {
  it('something that is not an object', () => {
    expect(errorsOf([1, 2])).toEqual(['a run must be a JSON object with config, history and final; got an array']);
    expect(errorsOf(null)).toEqual(['a run must be a JSON object with config, history and final; got null']);
  });

  it('wrong types', () => {
    const run = realRunJson();
    run.backend = 3;
    run.hostReads = 2.5;
    run.history[1].loss = '1.38';
    expect(errorsOf(run)).toEqual([
      'backend: expected a string, got 3',
      'hostReads: expected a whole number, got 2.5',
      'history[1].loss: expected a number, got "1.38"',
    ]);
  });

  it('a NaN accuracy, whether NaN (IndexedDB) or null (JSON)', () => {
    const run = realRunJson();
    run.final.probeAccuracy = NaN;
    expect(errorsOf(run)).toEqual(['final.probeAccuracy: expected a number, got NaN']);
    run.final.probeAccuracy = null;
    expect(errorsOf(run)).toEqual(['final.probeAccuracy: expected a number, got null']);
  });

  it('half an evaluation: a probe without its kNN and collapse numbers', () => {
    const run = realRunJson();
    delete run.final.knnAccuracy;
    delete run.final.rankMe;
    expect(errorsOf(run)).toEqual([
      'final: has probeAccuracy, baselineProbeAccuracy, baselineKnnAccuracy, l2NormalizedStd but not knnAccuracy, rankMe; a run holds its whole evaluation, or none when it was trained without one',
    ]);
  });

  it('an accuracy that is a percentage rather than a fraction, in final and in history', () => {
    const run = realRunJson();
    run.final.knnAccuracy = 22;
    run.history[0].probeAccuracy = 1.5;
    expect(errorsOf(run)).toEqual(['final.knnAccuracy: 22 is above 1']);
    run.final.knnAccuracy = 0.22;
    expect(errorsOf(run)).toEqual(['history[0].probeAccuracy: an accuracy must be a fraction in [0, 1]; got 1.5']);
  });

  it('an unknown method, naming the known ones', () => {
    const run = realRunJson();
    run.config.method = 'word2vec';
    const errors = errorsOf(run);
    expect(errors[0]).toMatch(/^config\.method: unknown method "word2vec" \(known: .*rotation.*simclr/);
    expect(errors).toHaveLength(1);
  });

  it('a config the experiment schema refuses', () => {
    const run = realRunJson();
    run.config.batch = 0;
    expect(errorsOf(run)).toEqual(['config.batch: batch=0 is outside [2, 1024]']);
    const knob = realRunJson();
    knob.config.params = { rotAugment: false, frobnicate: 1 };
    expect(errorsOf(knob)).toEqual(['config.params.frobnicate: rotation has no knob "frobnicate"']);
  });

  it('missing history, missing config, and an empty history', () => {
    const run = realRunJson();
    delete (run as Record<string, unknown>).history;
    delete (run as Record<string, unknown>).config;
    expect(errorsOf(run)).toEqual(['config: missing', 'history: missing']);
    const empty = realRunJson();
    empty.history = [];
    expect(errorsOf(empty)).toEqual(['history: is empty; a run has at least the step-0 row']);
  });

  it('steps that are negative, fractional, out of order or past config.steps', () => {
    const run = realRunJson();
    run.history[0].step = -1;
    run.history[1].step = 1.5;
    expect(errorsOf(run)).toEqual(['history[0].step: -1 is below 0', 'history[1].step: expected a whole number, got 1.5']);
    const order = realRunJson();
    order.history[2].step = 1;
    order.history[3].step = 7;
    expect(errorsOf(order)).toEqual(['history[2].step: 1 does not come after step 1', 'history[3].step: 7 is beyond the 3 steps of config.steps']);
  });

  it('a non-finite metric in a completed run, and an unknown outcome', () => {
    const run = realRunJson();
    run.history[2].loss = null;
    expect(errorsOf(run)).toEqual(['history[2].loss: null in a completed run; only a stopped or diverged run may hold a non-finite value']);
    run.history[2].loss = 1;
    run.outcome = 'finished';
    expect(errorsOf(run)).toEqual(['outcome: "finished" is not one of completed, stopped, diverged']);
  });

  it('at most a dozen lines for a history broken everywhere', () => {
    const run = realRunJson();
    run.config.steps = 100;
    run.history = Array.from({ length: 100 }, (_, i) => ({ step: i, loss: 'x' }));
    const errors = errorsOf(run);
    expect(errors).toHaveLength(13);
    expect(errors[12]).toBe('…and 88 more problems');
  });
});

describe('run files', () => {
  it('text that is not JSON', () => {
    const r = parseRunFileText('{"config": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^not JSON: /);
  });

  it('size: empty and too big are refused before reading, with the limit', () => {
    expect(runFileSizeError('run.json', 1000)).toBeNull();
    expect(runFileSizeError('run.json', 0)).toBe('run.json is empty');
    expect(runFileSizeError('big.json', MAX_RUN_FILE_BYTES + 1)).toBe('big.json is 50.0 MB; a run file may be at most 50 MB');
    expect(runFileSizeError('huge.json', 80 * 1024 * 1024)).toBe('huge.json is 80.0 MB; a run file may be at most 50 MB');
  });
});
