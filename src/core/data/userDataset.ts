import { isUserDataset, type UserDatasetKey } from '../config/datasets';
import type { ImageDataset } from './dataset';

/**
 * A dataset a user brought (CIFAR-10 files, own images), as it is stored in IndexedDB and sent to
 * the worker: the images plus what the data panel shows about them.
 */
export interface UserDataset extends ImageDataset {
  key: UserDatasetKey;
  /** Shown as text, never as HTML: file and folder names come from the user. */
  label: string;
  classNames: string[];
  /** Files that could not be used, each with why ("cat/3.jpg: not a decodable image"). */
  skipped: string[];
}

/** Images per class, in label order. */
export function classCounts(ds: Pick<ImageDataset, 'classes' | 'labels'>): number[] {
  const counts = new Array<number>(ds.classes).fill(0);
  for (const l of ds.labels) counts[l]++;
  return counts;
}

const MAX_SIDE = 256;
const MAX_CLASSES = 256;

/**
 * Checks a user dataset that crossed a boundary (worker message, IndexedDB record): every field
 * present and consistent, so training never reads past a buffer. Throws a message saying what is wrong.
 */
export function checkUserDataset(raw: unknown): UserDataset {
  const d = raw as Partial<UserDataset> | null;
  const fail = (why: string): never => {
    throw new Error(`Dataset rejected: ${why}`);
  };
  if (typeof d !== 'object' || d === null) return fail('not an object');
  if (typeof d.key !== 'string' || !isUserDataset(d.key)) return fail(`key ${String(d.key)} is not cifar10 or own-<16 hex digits>`);
  const int = (v: unknown, lo: number, hi: number, name: string) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) fail(`${name} ${String(v)} is not a whole number in [${lo}, ${hi}]`);
    return v as number;
  };
  const count = int(d.count, 1, 1_000_000, 'count');
  const height = int(d.height, 4, MAX_SIDE, 'height');
  const width = int(d.width, 4, MAX_SIDE, 'width');
  const channels = int(d.channels, 1, 3, 'channels');
  if (channels === 2) fail('channels must be 1 or 3');
  const classes = int(d.classes, 1, MAX_CLASSES, 'classes');
  if (!(d.pixels instanceof Uint8Array) || d.pixels.length !== count * height * width * channels) fail('pixels do not match count × height × width × channels');
  if (!(d.labels instanceof Uint8Array) || d.labels.length !== count) fail('labels do not match count');
  for (const l of d.labels!) if (l >= classes) fail(`label ${l} is not below ${classes}`);
  if (!Array.isArray(d.classNames) || d.classNames.length !== classes || d.classNames.some((n) => typeof n !== 'string')) fail('classNames do not match classes');
  if (typeof d.label !== 'string') fail('label is not text');
  if (!Array.isArray(d.skipped) || d.skipped.some((n) => typeof n !== 'string')) fail('skipped is not a list of text');
  return d as UserDataset;
}
