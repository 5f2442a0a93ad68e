import { checkUserDataset, classCounts, type UserDataset } from '../../core/data/userDataset';
import type { UserDatasetKey } from '../../core/config/datasets';

/**
 * Users' datasets in IndexedDB, in a database of their own (the runs' schema version is theirs to
 * bump). Each dataset is two records, the summary the panel lists and the images, written in one
 * transaction: an import that fails or is interrupted stores nothing, never half a dataset.
 */
const DB_NAME = 'ssl-playground-datasets';
const DB_VERSION = 1;
const META = 'meta';
const IMAGES = 'images';

/** What the data panel shows of a stored dataset, without loading its pixels. */
export interface UserDatasetSummary {
  key: UserDatasetKey;
  label: string;
  count: number;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  classCounts: number[];
  skipped: string[];
  importedAt: number;
}

export function summarizeDataset(ds: UserDataset, importedAt = Date.now()): UserDatasetSummary {
  return {
    key: ds.key,
    label: ds.label,
    count: ds.count,
    height: ds.height,
    width: ds.width,
    channels: ds.channels,
    classNames: ds.classNames,
    classCounts: classCounts(ds),
    skipped: ds.skipped,
    importedAt,
  };
}

let opened: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('this browser has no IndexedDB'));
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(META);
      req.result.createObjectStore(IMAGES);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB would not open'));
  }).catch((e) => {
    opened = null;
    throw e;
  });
  return opened;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('the transaction was aborted (storage full?)'));
  });
}

function read<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Stores a dataset (replacing one with the same key) and returns its summary once committed. */
export async function saveDataset(ds: UserDataset): Promise<UserDatasetSummary> {
  const db = await open();
  const summary = summarizeDataset(ds);
  const tx = db.transaction([META, IMAGES], 'readwrite');
  tx.objectStore(META).put(summary, ds.key);
  tx.objectStore(IMAGES).put(ds, ds.key);
  await done(tx);
  return summary;
}

export async function listDatasets(): Promise<UserDatasetSummary[]> {
  const db = await open();
  const all = (await read(db.transaction(META, 'readonly').objectStore(META).getAll())) as UserDatasetSummary[];
  return all.sort((a, b) => b.importedAt - a.importedAt);
}

/** The stored images of a key, checked field by field; null when this browser does not have it. */
export async function loadStoredDataset(key: UserDatasetKey): Promise<UserDataset | null> {
  const db = await open();
  const value = await read(db.transaction(IMAGES, 'readonly').objectStore(IMAGES).get(key));
  return value === undefined ? null : checkUserDataset(value);
}

export async function deleteDataset(key: UserDatasetKey): Promise<void> {
  const db = await open();
  const tx = db.transaction([META, IMAGES], 'readwrite');
  tx.objectStore(META).delete(key);
  tx.objectStore(IMAGES).delete(key);
  await done(tx);
}
