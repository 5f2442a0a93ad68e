import type { RunRecord } from '../../core/train/run';
import { parseRunRecord } from './runSchema';
import { nextSavedAt, runId, sortSummaries, summarize, type RunSummary, type SavedRun, type SkippedRun } from './summary';

/**
 * Saved runs in IndexedDB through the raw API (DESIGN.md: "Runs persist in IndexedDB"). Every read
 * is validated with runSchema: a record another version of the app, an extension or a bad disk
 * wrote is skipped and named, never trusted. Where IndexedDB is unavailable (private browsing,
 * storage blocked) the same interface keeps runs in memory for the page's life, with a notice.
 */
export const DB_NAME = 'ssl-playground';
export const DB_VERSION = 1;
export const RUNS_STORE = 'runs';
/** Some browsers leave open() pending forever when storage is blocked: give up after this. */
const OPEN_TIMEOUT_MS = 5000;

/** `missing`: no record under that id (deleted, perhaps in another tab), as opposed to an unreadable one. */
export type GetResult = { ok: true; saved: SavedRun } | { ok: false; errors: string[]; missing?: true };

export interface RunStore {
  readonly kind: 'indexeddb' | 'memory';
  /** Stores a validated run under a new id; resolves once it is on disk. */
  save(run: RunRecord, savedAt?: number): Promise<SavedRun>;
  /** Summaries, newest first, and the records that failed validation. */
  list(): Promise<{ runs: RunSummary[]; skipped: SkippedRun[] }>;
  get(id: string): Promise<GetResult>;
  delete(id: string): Promise<void>;
}

export interface OpenedRunStore {
  store: RunStore;
  /** Why runs will not outlive the page, when they will not; null when IndexedDB works. */
  notice: string | null;
}

/** Opens the database, or falls back to memory with a notice saying why. Never rejects. */
export async function openRunStore(factory: IDBFactory | undefined = defaultFactory()): Promise<OpenedRunStore> {
  if (!factory) return memoryFallback('this browser has no IndexedDB');
  try {
    const db = await openDatabase(factory);
    return { store: new IndexedDbRunStore(db), notice: null };
  } catch (e) {
    return memoryFallback(describeError(e));
  }
}

function memoryFallback(reason: string): OpenedRunStore {
  return {
    store: new MemoryRunStore(),
    notice: `Runs can't be saved in this browser (${reason}; private browsing can do this). They are kept until this page closes.`,
  };
}

function defaultFactory(): IDBFactory | undefined {
  try {
    return typeof indexedDB === 'undefined' ? undefined : indexedDB;
  } catch {
    // Reading the global itself throws in some sandboxed frames.
    return undefined;
  }
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`IndexedDB did not open within ${OPEN_TIMEOUT_MS / 1000} s`)), OPEN_TIMEOUT_MS);
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(DB_NAME, DB_VERSION);
    } catch (e) {
      clearTimeout(timer);
      reject(e);
      return;
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(RUNS_STORE)) db.createObjectStore(RUNS_STORE, { keyPath: 'id' });
    };
    req.onsuccess = () => {
      clearTimeout(timer);
      const db = req.result;
      // Let a newer version of the app in another tab upgrade the schema instead of blocking it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => {
      clearTimeout(timer);
      reject(req.error ?? new Error('IndexedDB refused to open'));
    };
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A write counts once its transaction commits, not when its request succeeds. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('the transaction was aborted'));
  });
}

export function describeError(e: unknown): string {
  if (e instanceof DOMException && e.name === 'QuotaExceededError') return "the browser's storage for this site is full";
  if (e instanceof Error) return e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message;
  return String(e);
}

/** Validates what IndexedDB returned for one key: the wrapper, then the run inside it. */
export function readStored(key: IDBValidKey, value: unknown): { ok: true; saved: SavedRun } | { ok: false; skipped: SkippedRun } {
  const id = String(key);
  const rec = value as Partial<SavedRun> | null;
  const problems: string[] = [];
  if (typeof rec !== 'object' || rec === null) problems.push('not an object');
  else {
    if (rec.id !== key) problems.push('its id does not match its key');
    if (!isSavedAt(rec.savedAt)) problems.push(`savedAt is not a time between 1970 and the year 275760 (got ${clipValue(rec.savedAt)})`);
    const version = rec.schema ?? 0;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) problems.push(`schema is not a version number (got ${clipValue(rec.schema)})`);
    else if (version > RECORD_SCHEMA) problems.push(`it was written by a newer version of the app (record schema ${version}; this one reads up to ${RECORD_SCHEMA})`);
  }
  if (problems.length === 0) {
    const parsed = parseRunRecord(migrate(rec!).run);
    if (parsed.ok) return { ok: true, saved: { id, savedAt: rec!.savedAt!, run: parsed.run, schema: RECORD_SCHEMA } };
    for (const e of parsed.errors) problems.push(`run.${e}`);
  }
  const shown = problems.slice(0, 3).join('; ');
  return { ok: false, skipped: { id, reason: problems.length > 3 ? `${shown}; …` : shown } };
}

/**
 * Version of the stored wrapper { id, savedAt, schema, run }. Records from before versions were written
 * have none and read as 0; migrate() brings any older record up to this one. Bump it with a migration
 * step whenever what is stored changes shape.
 */
export const RECORD_SCHEMA = 1;

/** Old record → current shape. 0 → 1: the run itself is unchanged; only the version field is new. */
function migrate(rec: Partial<SavedRun>): Partial<SavedRun> {
  return { ...rec, schema: RECORD_SCHEMA };
}

/** What Date can show: new Date(t) is Invalid past ±8.64e15 ms, and Intl.DateTimeFormat then throws. */
export function isSavedAt(t: unknown): t is number {
  return typeof t === 'number' && Number.isFinite(t) && t >= 0 && t <= 8.64e15;
}

function clipValue(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

class IndexedDbRunStore implements RunStore {
  readonly kind = 'indexeddb';
  constructor(private readonly db: IDBDatabase) {}

  async save(run: RunRecord, savedAt = nextSavedAt()): Promise<SavedRun> {
    const saved: SavedRun = { id: runId(run, savedAt), savedAt, schema: RECORD_SCHEMA, run };
    const tx = this.db.transaction(RUNS_STORE, 'readwrite');
    // add, not put: an id that exists already is an error, never a silent overwrite.
    tx.objectStore(RUNS_STORE).add(saved);
    await committed(tx);
    return saved;
  }

  async list(): Promise<{ runs: RunSummary[]; skipped: SkippedRun[] }> {
    const store = this.db.transaction(RUNS_STORE, 'readonly').objectStore(RUNS_STORE);
    // Issued in one transaction, so both come back in the same key order.
    const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
    const runs: RunSummary[] = [];
    const skipped: SkippedRun[] = [];
    keys.forEach((key, i) => {
      const r = readStored(key, values[i]);
      if (r.ok) runs.push(summarize(r.saved));
      else skipped.push(r.skipped);
    });
    return { runs: sortSummaries(runs), skipped };
  }

  async get(id: string): Promise<GetResult> {
    const value = await request(this.db.transaction(RUNS_STORE, 'readonly').objectStore(RUNS_STORE).get(id));
    if (value === undefined) return { ok: false, errors: [`no saved run ${id}`], missing: true };
    const r = readStored(id, value);
    return r.ok ? r : { ok: false, errors: [`saved run ${id} is unreadable: ${r.skipped.reason}`] };
  }

  async delete(id: string): Promise<void> {
    const tx = this.db.transaction(RUNS_STORE, 'readwrite');
    tx.objectStore(RUNS_STORE).delete(id);
    await committed(tx);
  }
}

/** The fallback: same contract, gone when the page closes. Copies on the way in and out, as IndexedDB does. */
export class MemoryRunStore implements RunStore {
  readonly kind = 'memory';
  private readonly runs = new Map<string, SavedRun>();

  async save(run: RunRecord, savedAt = nextSavedAt()): Promise<SavedRun> {
    const saved: SavedRun = { id: runId(run, savedAt), savedAt, schema: RECORD_SCHEMA, run: structuredClone(run) };
    if (this.runs.has(saved.id)) throw new Error(`a run with id ${saved.id} is saved already`);
    this.runs.set(saved.id, saved);
    return structuredClone(saved);
  }

  async list(): Promise<{ runs: RunSummary[]; skipped: SkippedRun[] }> {
    return { runs: sortSummaries([...this.runs.values()].map(summarize)), skipped: [] };
  }

  async get(id: string): Promise<GetResult> {
    const saved = this.runs.get(id);
    return saved ? { ok: true, saved: structuredClone(saved) } : { ok: false, errors: [`no saved run ${id}`], missing: true };
  }

  async delete(id: string): Promise<void> {
    this.runs.delete(id);
  }
}
