import type { Calibration, CachedChoice, ChoiceCache } from '../core/backend/calibrate';
import type { ExperimentConfig } from '../core/config/schema';
import type { ImageDataset } from '../core/data/dataset';
import { Trainer } from '../core/train/trainer';

/** Steps timed per candidate backend, after one untimed step (kernel set-up, shader compilation). */
const TIMED_STEPS = 2;

/**
 * The calibration `backend=auto` runs before a training run: a few real steps of this config on
 * each candidate backend (core/backend/calibrate.ts), remembered per device and config shape.
 */
export function calibrationFor(config: ExperimentConfig, dataset: ImageDataset, cache: ChoiceCache | undefined): Calibration {
  return {
    shapeKey: shapeKey(config),
    cache,
    timeSteps: async () => {
      const trainer = new Trainer({ ...config, steps: TIMED_STEPS + 1 }, dataset);
      try {
        const warm = trainer.step();
        await warm.data();
        warm.dispose();
        const t0 = performance.now();
        for (let i = 0; i < TIMED_STEPS; i++) {
          const loss = trainer.step();
          await loss.data(); // waits for the GPU too, so GPU backends are timed honestly
          loss.dispose();
        }
        return (performance.now() - t0) / TIMED_STEPS;
      } finally {
        trainer.dispose();
      }
    },
  };
}

/** What decides a step's cost: the method and its knobs, batch, width and image size. */
export function shapeKey(config: ExperimentConfig): string {
  return JSON.stringify([config.method, config.dataset, config.batch, config.width, config.params]);
}

const DB = 'ssl-playground-backend';
const STORE = 'choices';

/** The measured choices in IndexedDB (workers have it; localStorage they do not). Undefined where absent. */
export function indexedDbChoiceCache(): ChoiceCache | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const run = <T>(mode: IDBTransactionMode, body: (s: IDBObjectStore) => IDBRequest<T>) =>
    open().then(
      (db) =>
        new Promise<T>((resolve, reject) => {
          const req = body(db.transaction(STORE, mode).objectStore(STORE));
          req.onsuccess = () => (db.close(), resolve(req.result));
          req.onerror = () => (db.close(), reject(req.error));
        }),
    );
  return {
    get: async (key) => {
      const v = await run<unknown>('readonly', (s) => s.get(key));
      return isCachedChoice(v) ? v : undefined;
    },
    set: async (key, value) => {
      await run('readwrite', (s) => s.put(value, key));
    },
  };
}

/** Stored data is validated like anything else crossing a boundary; a bad entry is ignored. */
function isCachedChoice(v: unknown): v is CachedChoice {
  const c = v as CachedChoice;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.backend === 'string' &&
    Array.isArray(c.timings) &&
    c.timings.every((t) => typeof t?.name === 'string' && typeof t.msPerStep === 'number')
  );
}
