import { describe, expect, it } from 'vitest';
import { readStored } from './db';
import { errorsOf, realRun, realRunJson } from './fixture';
import { MAX_HISTORY_ROWS, parseRunFileText } from './runSchema';

/** The hostile records of issue 8, each once a crash or a silent acceptance. */


describe('stored records that once blanked the app', () => {
  it('a savedAt outside the Date range is skipped and named, not shown', () => {
    for (const savedAt of [8.64e15 + 1, -1, 1e300]) {
      const r = readStored('x', { id: 'x', savedAt, run: realRun() });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.skipped.reason).toBe(`savedAt is not a time between 1970 and the year 275760 (got ${savedAt})`);
    }
    // The last valid instant is still a time.
    expect(readStored('y', { id: 'y', savedAt: 8.64e15, run: realRun() }).ok).toBe(true);
  });

  it('records carry a schema version; old ones migrate, newer ones are refused in words', () => {
    const old = readStored('a', { id: 'a', savedAt: 5, run: realRun() });
    expect(old.ok && old.saved.schema).toBe(1);
    const newer = readStored('b', { id: 'b', savedAt: 5, schema: 2, run: realRun() });
    expect(newer).toEqual({ ok: false, skipped: { id: 'b', reason: 'it was written by a newer version of the app (record schema 2; this one reads up to 1)' } });
    expect(readStored('c', { id: 'c', savedAt: 5, schema: 'x', run: realRun() })).toEqual({ ok: false, skipped: { id: 'c', reason: 'schema is not a version number (got "x")' } });
  });
});

describe('imports that once crashed or were taken silently', () => {
  it('200k invalid history rows: no stack overflow, a capped list of reasons', () => {
    const run = realRunJson();
    run.history = Array.from({ length: 200_000 }, (_, i) => ({ step: i, loss: 'x' }));
    const errors = errorsOf(run);
    expect(errors).toHaveLength(13);
    expect(errors[0]).toBe('history[0].loss: expected a number, got "x"');
    expect(errors[12]).toMatch(/^…and \d+ more problems$/);
    expect(Number(errors[12].match(/\d+/)![0])).toBeGreaterThanOrEqual(200_000 - 12);
  });

  it('a valid but 10⁶-row history is refused by its length before it is read', () => {
    const run = realRunJson();
    run.history = Array.from({ length: 1_000_000 }, (_, i) => ({ step: i, loss: 1 }));
    expect(errorsOf(run)).toEqual([`history: 1000000 rows; a run has at most ${MAX_HISTORY_ROWS} (one per step of at most 200000 steps, plus step 0)`]);
  });

  it('100k-character backend and message are refused, the value cut in the message', () => {
    const run = realRunJson();
    run.backend = 'w'.repeat(100_000);
    run.message = 'm'.repeat(100_000);
    const errors = errorsOf(run);
    expect(errors).toEqual([`backend: "${'w'.repeat(40)}…" is above 200`, `message: "${'m'.repeat(40)}…" is above 1000`]);
    expect(errors.join('').length).toBeLessThan(200);
  });

  it('±1e308 in a history is refused (the chart could not draw it)', () => {
    const run = realRunJson();
    run.history[1].loss = 1e308;
    run.history[2].loss = -1e308;
    expect(errorsOf(run)).toEqual([
      'history[1].loss: 1e+308 is beyond ±1e+15; no run of this app measures that',
      'history[2].loss: -1e+308 is beyond ±1e+15; no run of this app measures that',
    ]);
  });

  it('a "completed" run with 1 of 200,000 steps is refused; a "stopped" one that reached the end too', () => {
    const run = realRunJson();
    (run.config as Record<string, unknown>).steps = 200_000;
    run.history = run.history.slice(0, 2);
    expect(errorsOf(run)).toEqual(['outcome: "completed" but the history ends at step 1 of config.steps 200000']);
    const stopped = realRunJson();
    stopped.outcome = 'stopped';
    expect(errorsOf(stopped)).toEqual(['outcome: "stopped" but the history reaches all 3 steps of config.steps']);
  });

  it('a config nested 100k deep is refused in words, not by a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const run = realRunJson();
    run.config = deep as Record<string, unknown>;
    expect(errorsOf(run)[0]).toBe('config: nested too deeply to read; a config is at most 20000 characters');
    expect(parseRunFileText('['.repeat(100_000)).ok).toBe(false);
  });
});
