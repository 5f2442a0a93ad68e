import { unzipSync } from 'fflate';
import type { UserDataset } from './userDataset';

/**
 * Importing a user's own images (a folder or a zip): labels from sub-folder names, decoding and
 * resizing delegated to the caller (the browser decodes), limits checked before anything is kept,
 * files that fail skipped and named. Pure TypeScript: the browser and the Node tests drive it alike.
 */

/** Stated in the UI. A folder or zip beyond these is refused whole, with the limit it hit. */
export const OWN_LIMITS = {
  /** Files in a folder or entries in a zip (images or not). */
  files: 20_000,
  /** Bytes of all files together (a zip: after decompression, as declared by its directory). */
  totalBytes: 512 * 1024 * 1024,
  /** Bytes of one image file. */
  fileBytes: 32 * 1024 * 1024,
  /** A zip file itself. */
  zipBytes: 512 * 1024 * 1024,
} as const;

/** Square resolutions offered; the largest keeps 20,000 RGB images under 140 MB. */
export const OWN_SIDES = [28, 32, 48] as const;
export type OwnSide = (typeof OWN_SIDES)[number];

export interface ImportFile {
  /** Path relative to what was picked ("cats/1.png", or "photos/cats/1.png" for a folder). */
  path: string;
  size: number;
  bytes(): Promise<Uint8Array>;
}

/**
 * Decodes an image file and returns it centre-cropped to a square and resized to side × side, as
 * RGBA bytes (side·side·4); null (or a throw) when the file is not a decodable image.
 */
export type DecodeSquare = (bytes: Uint8Array, path: string, side: number) => Promise<Uint8ClampedArray | Uint8Array | null>;

export interface OwnImportOptions {
  side: OwnSide;
  channels: 1 | 3;
  /** Shown as the dataset's name: the folder's or the zip's name. */
  name: string;
  onProgress?(done: number, total: number): void;
}

/** The centred square of a w × h image: the source rectangle a resize to a square should read. */
export function centreCropBox(width: number, height: number): { sx: number; sy: number; size: number } {
  const size = Math.min(width, height);
  return { sx: (width - size) / 2, sy: (height - size) / 2, size };
}

/** OS metadata that is not the user's data: macOS resource forks, dot-files. Ignored silently. */
function isMetadata(path: string): boolean {
  return path.split('/').some((seg) => seg.startsWith('.') || seg === '__MACOSX');
}

/** Throws the limit a listing breaks, before any file is read. */
export function checkLimits(files: readonly { path: string; size: number }[]): void {
  if (files.length > OWN_LIMITS.files) {
    throw new Error(`${files.length.toLocaleString('en')} files is more than the limit of ${OWN_LIMITS.files.toLocaleString('en')}; pick a smaller folder or zip`);
  }
  const total = files.reduce((s, f) => s + f.size, 0);
  if (total > OWN_LIMITS.totalBytes) {
    throw new Error(`${mb(total)} of files is more than the limit of ${mb(OWN_LIMITS.totalBytes)}; pick a smaller folder or zip`);
  }
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MB`;

/**
 * The entries of a zip, after checking its directory against the limits: entry count and declared
 * uncompressed sizes (a zip bomb declares, or inflates to, far more than it weighs). An entry that
 * inflates past its declared size fails to inflate (fflate writes into a buffer of that size).
 */
export function zipEntries(zip: Uint8Array, zipName: string): ImportFile[] {
  if (zip.length > OWN_LIMITS.zipBytes) throw new Error(`${zipName} is ${mb(zip.length)}; the limit is ${mb(OWN_LIMITS.zipBytes)}`);
  let entries = 0;
  let declared = 0;
  let bomb: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        if (f.name.endsWith('/') || isMetadata(f.name)) return false;
        entries++;
        declared += f.originalSize;
        if (entries > OWN_LIMITS.files) bomb ??= `${zipName} holds more than ${OWN_LIMITS.files.toLocaleString('en')} files, the limit`;
        else if (f.originalSize > OWN_LIMITS.fileBytes) bomb ??= `${f.name} in ${zipName} inflates to ${mb(f.originalSize)}, more than the ${mb(OWN_LIMITS.fileBytes)} allowed per image`;
        else if (declared > OWN_LIMITS.totalBytes) bomb ??= `${zipName} inflates to more than ${mb(OWN_LIMITS.totalBytes)}, the limit`;
        // Nothing is inflated once a limit is hit.
        return bomb === null;
      },
    });
  } catch (e) {
    throw new Error(`${zipName} is not a readable zip (${e instanceof Error ? e.message : String(e)})`);
  }
  if (bomb) throw new Error(bomb);
  return Object.entries(files).map(([path, bytes]) => ({ path, size: bytes.length, bytes: async () => bytes }));
}

/**
 * Class of each file from its folder: the path below the folders every file shares; a file in a
 * sub-folder takes that sub-folder's name, one at the top gets none. With no sub-folders at all the
 * dataset is unlabelled (one class).
 */
export function classesFromPaths(paths: readonly string[]): { classNames: string[]; classOf: (path: string) => number } {
  const split = paths.map((p) => p.split('/').filter((s) => s.length > 0));
  let common = split.length ? split[0].length - 1 : 0;
  for (const segs of split) {
    let k = 0;
    while (k < common && k < segs.length - 1 && segs[k] === split[0][k]) k++;
    common = k;
  }
  const folderOf = (segs: string[]) => (segs.length - common >= 2 ? segs[common] : null);
  const folders = [...new Set(split.map(folderOf).filter((f): f is string => f !== null))].sort();
  const hasTop = split.some((s) => folderOf(s) === null);
  const UNLABELLED = folders.length === 0 ? '(unlabelled)' : '(top level)';
  const classNames = hasTop ? [...folders, UNLABELLED] : folders;
  const index = new Map(classNames.map((n, i) => [n, i]));
  return {
    classNames,
    classOf: (path) => index.get(folderOf(path.split('/').filter((s) => s.length > 0)) ?? UNLABELLED)!,
  };
}

/** RGBA → RGB or grey (ITU-R BT.601 luma, as torchvision's Grayscale). */
function toChannels(rgba: Uint8ClampedArray | Uint8Array, out: Uint8Array, offset: number, channels: 1 | 3): void {
  const n = rgba.length / 4;
  for (let p = 0; p < n; p++) {
    const [r, g, b] = [rgba[4 * p], rgba[4 * p + 1], rgba[4 * p + 2]];
    if (channels === 3) out.set([r, g, b], offset + 3 * p);
    else out[offset + p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
}

async function contentId(ds: { pixels: Uint8Array; labels: Uint8Array; classNames: string[]; side: number; channels: number }): Promise<string> {
  const head = new TextEncoder().encode(JSON.stringify([ds.side, ds.channels, ds.classNames]));
  const all = new Uint8Array(head.length + ds.labels.length + ds.pixels.length);
  all.set(head, 0);
  all.set(ds.labels, head.length);
  all.set(ds.pixels, head.length + ds.labels.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Builds the dataset from picked files: metadata ignored, files sorted by path (so the same folder
 * gives the same content id whatever order the picker lists it in), each decoded and cropped; a file
 * that does not decode is skipped and named. Throws when limits are broken or nothing decodes.
 */
export async function importOwnImages(picked: readonly ImportFile[], decode: DecodeSquare, opts: OwnImportOptions): Promise<UserDataset> {
  const files = picked.filter((f) => !isMetadata(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  checkLimits(files);
  if (files.length === 0) throw new Error('no files to import (hidden and __MACOSX files are ignored)');
  const per = opts.side * opts.side * opts.channels;
  const pixels = new Uint8Array(files.length * per);
  const kept: string[] = [];
  const skipped: string[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    opts.onProgress?.(i, files.length);
    if (f.size > OWN_LIMITS.fileBytes) {
      skipped.push(`${f.path}: ${mb(f.size)} is more than the ${mb(OWN_LIMITS.fileBytes)} allowed per image`);
      continue;
    }
    let rgba: Uint8ClampedArray | Uint8Array | null = null;
    let why = 'not an image this browser can decode';
    try {
      rgba = await decode(await f.bytes(), f.path, opts.side);
    } catch (e) {
      why = `not an image this browser can decode (${e instanceof Error ? e.message : String(e)})`;
    }
    if (!rgba || rgba.length !== opts.side * opts.side * 4) {
      skipped.push(`${f.path}: ${why}`);
      continue;
    }
    toChannels(rgba, pixels, kept.length * per, opts.channels);
    kept.push(f.path);
  }
  opts.onProgress?.(files.length, files.length);
  if (kept.length === 0) throw new Error(`none of the ${files.length} files decoded as an image`);
  const { classNames, classOf } = classesFromPaths(kept);
  // Labels are bytes.
  if (classNames.length > 256) throw new Error(`${classNames.length} sub-folders (classes); the limit is 256`);
  const labels = Uint8Array.from(kept, classOf);
  const used = pixels.slice(0, kept.length * per);
  const id = await contentId({ pixels: used, labels, classNames, side: opts.side, channels: opts.channels });
  return {
    key: `own-${id}`,
    label: `${opts.name} (${opts.side}×${opts.side} ${opts.channels === 3 ? 'RGB' : 'grey'})`,
    count: kept.length,
    height: opts.side,
    width: opts.side,
    channels: opts.channels,
    classes: classNames.length,
    classNames,
    pixels: used,
    labels,
    skipped,
  };
}
