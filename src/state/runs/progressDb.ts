import { parseExperimentConfig, type ExperimentConfig } from '../../core/config/schema';
import { checkpointBytes } from '../../core/train/checkpoint';
import { checkpointSchema, type ResumePoint } from '../../worker/protocol';
import { describeError, isSavedAt } from './db';

/**
 * The run in progress, kept so a reload or a crash does not lose it: its config, its history so far
 * and its last checkpoint, in one record written in one transaction (all of it or, on a quota error,
 * none of it: the previous record stays). A database of its own, so saved runs' schema and this
 * one's evolve apart.
 */
export const PROGRESS_DB = 'ssl-playground-progress';
const STORE = 'progress';
const KEY = 'current';
/** Version of the stored record; bump with a migration in readProgress when its shape changes. */
export const PROGRESS_SCHEMA = 1;

export interface InProgressRun extends ResumePoint {
  schema: number;
  config: ExperimentConfig;
  savedAt: number;
}

export interface ProgressStore {
  put(record: InProgressRun): Promise<void>;
  get(): Promise<{ ok: true; record: InProgressRun | null } | { ok: false; problem: string }>;
  clear(): Promise<void>;
}

/** Validates what came back: config by the experiment schema, checkpoint by the worker's, steps in order. */
export function readProgress(value: unknown): { ok: true; record: InProgressRun } | { ok: false; problem: string } {
  const rec = value as Partial<InProgressRun> | null;
  if (typeof rec !== 'object' || rec === null) return { ok: false, problem: 'not an object' };
  if (rec.schema !== PROGRESS_SCHEMA) return { ok: false, problem: `record schema ${String(rec.schema)}; this app reads ${PROGRESS_SCHEMA}` };
  if (!isSavedAt(rec.savedAt)) return { ok: false, problem: 'savedAt is not a time' };
  const config = parseExperimentConfig(rec.config);
  if (!config.ok) return { ok: false, problem: `config: ${config.errors[0]}` };
  const checkpoint = checkpointSchema.safeParse(rec.checkpoint);
  if (!checkpoint.success) return { ok: false, problem: `checkpoint: ${checkpoint.error.issues[0]?.message ?? 'bad shape'}` };
  const history = rec.history;
  if (!Array.isArray(history) || history.length === 0 || history[history.length - 1].step !== checkpoint.data.step || history.some((r, i) => i > 0 && !(r.step > history[i - 1].step))) {
    return { ok: false, problem: 'history does not end at the checkpoint step' };
  }
  return { ok: true, record: { schema: PROGRESS_SCHEMA, savedAt: rec.savedAt, config: config.config, checkpoint: checkpoint.data, history } };
}

/** Size of what a record holds, for the cost measurement and messages. */
export function progressBytes(r: InProgressRun): number {
  return checkpointBytes(r.checkpoint) + JSON.stringify(r.history).length;
}

export async function openProgressStore(factory: IDBFactory | undefined = typeof indexedDB === 'undefined' ? undefined : indexedDB): Promise<ProgressStore> {
  if (!factory) return new MemoryProgressStore();
  try {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(PROGRESS_DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.onversionchange = () => db.close();
    return new IdbProgressStore(db);
  } catch {
    return new MemoryProgressStore();
  }
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('the transaction was aborted'));
  });
}

class IdbProgressStore implements ProgressStore {
  constructor(private readonly db: IDBDatabase) {}

  async put(record: InProgressRun): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(record, KEY);
    await done(tx);
  }

  async get(): Promise<{ ok: true; record: InProgressRun | null } | { ok: false; problem: string }> {
    try {
      const req = this.db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
      const value = await new Promise<unknown>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      if (value === undefined) return { ok: true, record: null };
      const r = readProgress(value);
      return r.ok ? r : { ok: false, problem: r.problem };
    } catch (e) {
      return { ok: false, problem: describeError(e) };
    }
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete(KEY);
    await done(tx);
  }
}

class MemoryProgressStore implements ProgressStore {
  private record: InProgressRun | null = null;
  async put(record: InProgressRun): Promise<void> {
    this.record = structuredClone(record);
  }
  async get() {
    return { ok: true as const, record: this.record && structuredClone(this.record) };
  }
  async clear(): Promise<void> {
    this.record = null;
  }
}
