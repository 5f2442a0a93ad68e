import { builtInSpec, isUserDataset, type DatasetKey, type UserDatasetKey } from '../../core/config/datasets';
import { defaultPipeline } from '../../core/config/augmentPresets';
import type { ExperimentConfig } from '../../core/config/schema';
import { fitSubsetSizes, MIN_DATASET_IMAGES } from '../../core/config/subsets';
import { parseCifarBatches } from '../../core/data/cifar';
import { importOwnImages, zipEntries, type ImportFile, type OwnSide } from '../../core/data/ownImages';
import { decodeSquareInBrowser } from './decodeImage';
import type { UserDataset } from '../../core/data/userDataset';
import { useStore } from '../store';
import { sendToWorker } from '../workerClient';
import { applyDatasetChoice } from '../actions';
import { deleteDataset, listDatasets, loadStoredDataset, saveDataset } from './db';
import type { DataState } from './types';

/**
 * Users' datasets: importing (CIFAR-10 files, own images), listing, choosing, and handing the
 * images to the worker before a run or preview that needs them. Failures are shown, never thrown.
 */
const set = useStore.setState;
const get = useStore.getState;

function patchData(patch: Partial<DataState>): void {
  set({ data: { ...get().data, ...patch } });
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Keys the current worker already holds; a new worker (after Reset) starts empty. */
const inWorker = new Set<string>();
export function forgetWorkerDatasets(): void {
  inWorker.clear();
}

/** Reads the stored list; flags the config's dataset as missing when this browser lacks it. */
export async function loadUserDatasets(): Promise<void> {
  try {
    const stored = await listDatasets();
    const key = get().config.dataset;
    patchData({ stored, missing: isUserDataset(key) && !stored.some((d) => d.key === key) ? key : null });
  } catch (e) {
    const key = get().config.dataset;
    patchData({ message: { text: `Imported datasets are unavailable: ${describe(e)}`, error: true }, missing: isUserDataset(key) ? key : null });
  }
}

/**
 * Runs `then` once the worker has the config's dataset: at once for a built-in one; after sending it
 * from IndexedDB for a user's. Returns why not when this browser does not have it.
 */
export async function withDatasetInWorker(key: string, then: () => void): Promise<string | null> {
  if (!isUserDataset(key) || inWorker.has(key)) {
    then();
    return null;
  }
  let ds: UserDataset | null;
  try {
    ds = await loadStoredDataset(key);
  } catch (e) {
    return `Could not read dataset ${key} from this browser's storage: ${describe(e)}`;
  }
  if (!ds) {
    patchData({ missing: key });
    return missingMessage(key);
  }
  sendToWorker({ type: 'dataset', dataset: ds });
  inWorker.add(key);
  then();
  return null;
}

export function missingMessage(key: UserDatasetKey): string {
  return key === 'cifar10'
    ? 'This experiment trains on CIFAR-10, which is not imported in this browser. Pick the CIFAR-10 binary batch files in the Data panel, then start.'
    : `This experiment trains on the image set ${key}, which is not stored in this browser (links carry its id, not its images). ` +
        'Import the same folder or zip in the Data panel with the same size and colour settings: the same images get the same id.';
}

/** Stores an imported dataset, lists it, and makes it the experiment's dataset. */
async function store(ds: UserDataset): Promise<void> {
  if (ds.count < MIN_DATASET_IMAGES) {
    throw new Error(`${ds.count} usable images; a run needs at least ${MIN_DATASET_IMAGES} (unlabelled set and two probe sets)`);
  }
  patchData({ importing: `Storing ${ds.count.toLocaleString('en')} images…` });
  await saveDataset(ds);
  // The worker may hold an older import under the same key (cifar10): send the new one next time.
  inWorker.delete(ds.key);
  await loadUserDatasets();
  chooseUserDataset(ds.key);
  const skipped = ds.skipped.length ? `; ${ds.skipped.length} file(s) skipped (listed below)` : '';
  patchData({ message: { text: `Imported ${ds.count.toLocaleString('en')} images in ${ds.classNames.length} class(es)${skipped}.`, error: false }, skipped: ds.skipped });
}

async function runImport(what: string, build: () => Promise<UserDataset>): Promise<void> {
  if (get().data.importing) return;
  patchData({ importing: what, message: null, skipped: [] });
  try {
    await store(await build());
  } catch (e) {
    patchData({ message: { text: `Nothing was imported: ${describe(e)}`, error: true } });
  } finally {
    patchData({ importing: null });
  }
}

/** CIFAR-10 binary batch files picked by the user (any subset of the six). */
export function importCifarFiles(files: readonly File[]): Promise<void> {
  return runImport(`Reading ${files.length} CIFAR-10 file(s)…`, async () =>
    parseCifarBatches(await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })))),
  );
}

export interface OwnImageSettings {
  side: OwnSide;
  channels: 1 | 3;
}

const fromFile = (f: File): ImportFile => ({
  // A folder pick gives each file its path below the picked folder's parent ("pets/cat/1.png").
  path: f.webkitRelativePath || f.name,
  size: f.size,
  bytes: async () => new Uint8Array(await f.arrayBuffer()),
});

function ownImport(name: string, settings: OwnImageSettings, listFiles: () => Promise<ImportFile[]>): Promise<void> {
  return runImport(`Reading ${name}…`, async () => {
    const files = await listFiles();
    return importOwnImages(files, decodeSquareInBrowser, {
      ...settings,
      name,
      onProgress: (done, total) => {
        if (done % 50 === 0 || done === total) patchData({ importing: `Decoding ${done.toLocaleString('en')} / ${total.toLocaleString('en')} images…` });
      },
    });
  });
}

/** Images picked as a folder (labels from its sub-folders) or as loose files (unlabelled). */
export function importOwnFiles(files: readonly File[], settings: OwnImageSettings): Promise<void> {
  const root = files[0]?.webkitRelativePath.split('/')[0] || `${files.length} files`;
  return ownImport(root, settings, async () => files.map(fromFile));
}

/** Files dropped on the panel (dropped folders walked, paths kept for the labels). */
export function importOwnDropped(dropped: readonly { path: string; file: File }[], settings: OwnImageSettings): Promise<void> {
  const root = dropped[0]?.path.split('/')[0] ?? 'dropped files';
  const name = dropped.every((d) => d.path.startsWith(`${root}/`)) ? root : `${dropped.length} dropped files`;
  return ownImport(name, settings, async () => dropped.map((d) => ({ ...fromFile(d.file), path: d.path })));
}

/** A zip of images; its directory is checked against the limits before anything is inflated. */
export function importOwnZip(zip: File, settings: OwnImageSettings): Promise<void> {
  return ownImport(zip.name, settings, async () => zipEntries(new Uint8Array(await zip.arrayBuffer()), zip.name));
}

/** Makes a stored dataset the experiment's, fitting the subset sizes to its image count. */
export function chooseUserDataset(key: UserDatasetKey): string | null {
  const summary = get().data.stored.find((d) => d.key === key);
  if (!summary) return missingMessage(key);
  const fitted = fitSubsetSizes(get().config, summary.count);
  if (!fitted) return `${key} has ${summary.count} images; a run needs at least ${MIN_DATASET_IMAGES}`;
  applyDatasetChoice({ ...fitted, dataset: key });
  patchData({ missing: null });
  return null;
}

export async function removeUserDataset(key: UserDatasetKey): Promise<void> {
  try {
    await deleteDataset(key);
    inWorker.delete(key);
  } catch (e) {
    patchData({ message: { text: `Could not delete ${key}: ${describe(e)}`, error: true } });
  }
  await loadUserDatasets();
}

/** Channels of a dataset: built-in from its spec, a user's from its stored summary (RGB if unknown). */
export function datasetChannels(key: DatasetKey): number {
  return builtInSpec(key)?.channels ?? get().data.stored.find((d) => d.key === key)?.channels ?? 3;
}

/**
 * Switching between greyscale and RGB data swaps in the method's default pipeline for the new
 * channels (colour ops mean nothing on greys; digits want no flips); same channels: aug as it is.
 */
export function withChannelsPipeline(prev: ExperimentConfig, next: ExperimentConfig): ExperimentConfig {
  const channels = datasetChannels(next.dataset);
  return datasetChannels(prev.dataset) === channels ? next : { ...next, aug: defaultPipeline(next.method, channels) };
}
