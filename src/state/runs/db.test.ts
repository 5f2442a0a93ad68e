import { describe, expect, it } from 'vitest';
import { MemoryRunStore, openRunStore, readStored } from './db';
import { realRun, realRunJson } from './fixture';
import { nextSavedAt, runFingerprint, runId, sortSummaries, summarize } from './summary';

// IndexedDB itself is tested in the real browser (e2e/runs.spec.ts); here: what does not need it.

describe('openRunStore', () => {
  it('without IndexedDB (Node, a blocked private window) falls back to memory and says so', async () => {
    const { store, notice } = await openRunStore(undefined);
    expect(store.kind).toBe('memory');
    expect(notice).toMatch(/^Runs can't be saved in this browser \(this browser has no IndexedDB; .*kept until this page closes\.$/);
  });
});

describe('readStored: what came out of IndexedDB is validated before use', () => {
  it('accepts a record the app wrote', () => {
    const r = readStored('5-rotation-1', { id: '5-rotation-1', savedAt: 5, run: realRun() });
    expect(r).toEqual({ ok: true, saved: { id: '5-rotation-1', savedAt: 5, schema: 1, run: realRun() } });
  });

  it('skips and names a corrupt record, saying why', () => {
    expect(readStored('a', 'garbage')).toEqual({ ok: false, skipped: { id: 'a', reason: 'not an object' } });
    expect(readStored('b', { id: 'c', savedAt: 'yesterday', run: realRun() })).toEqual({
      ok: false,
      skipped: { id: 'b', reason: 'its id does not match its key; savedAt is not a time between 1970 and the year 275760 (got "yesterday")' },
    });
    const run = realRunJson();
    run.final.probeAccuracy = NaN;
    expect(readStored('d', { id: 'd', savedAt: 1, run })).toEqual({ ok: false, skipped: { id: 'd', reason: 'run.final.probeAccuracy: expected a number, got NaN' } });
  });
});

describe('MemoryRunStore', () => {
  it('saves, lists newest first, gets copies, deletes', async () => {
    const store = new MemoryRunStore();
    const a = await store.save(realRun(), 1000);
    const later = { ...realRun(), config: { ...realRun().config, seed: 9 } };
    const b = await store.save(later, 2000);
    expect(a.id).toBe('1000-rotation-1');
    expect(b.id).toBe('2000-rotation-9');
    const { runs, skipped } = await store.list();
    expect(runs.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(skipped).toEqual([]);
    const got = await store.get(a.id);
    expect(got).toEqual({ ok: true, saved: { id: a.id, savedAt: 1000, schema: 1, run: realRun() } });
    // A copy: changing what came out does not change what is stored.
    if (got.ok) got.saved.run.history.length = 0;
    expect(await store.get(a.id)).toEqual({ ok: true, saved: { id: a.id, savedAt: 1000, schema: 1, run: realRun() } });
    await expect(store.save(realRun(), 1000)).rejects.toThrow(/saved already/);
    await store.delete(a.id);
    expect((await store.list()).runs.map((r) => r.id)).toEqual([b.id]);
    expect(await store.get(a.id)).toEqual({ ok: false, errors: [`no saved run ${a.id}`], missing: true });
  });
});

describe('summaries', () => {
  it('say what the list shows: method, steps reached, final probe, outcome, backend', () => {
    const run = { ...realRun(), outcome: 'stopped' as const, history: realRun().history.slice(0, 3) };
    expect(summarize({ id: 'x', savedAt: 7, run })).toEqual({
      id: 'x',
      method: 'rotation',
      seed: 1,
      steps: 2,
      totalSteps: 3,
      outcome: 'stopped',
      finalProbe: 0.2199999988079071,
      savedAt: 7,
      backend: 'wasm',
      fingerprint: runFingerprint(run),
    });
  });

  it('a fingerprint survives the JSON round trip of Export run', () => {
    expect(runFingerprint(JSON.parse(JSON.stringify(realRun())))).toBe(runFingerprint(realRun()));
    expect(runFingerprint({ ...realRun(), wallSeconds: 0.5 })).not.toBe(runFingerprint(realRun()));
  });

  it('ids stay unique for saves in the same millisecond, and sort newest first', () => {
    const t1 = nextSavedAt(1_000_000);
    const t2 = nextSavedAt(1_000_000);
    expect(t2).toBeGreaterThan(t1);
    expect(runId(realRun(), t1)).not.toBe(runId(realRun(), t2));
    const s = (id: string, savedAt: number) => summarize({ id, savedAt, run: realRun() });
    expect(sortSummaries([s('a', 1), s('c', 3), s('b', 2)]).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });
});
