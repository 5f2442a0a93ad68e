import { mulberry32, permutation, type Rng } from '../random';

/**
 * Patch masks for masked image modelling (MAE, MSN), drawn on the host from a seed: the same seed
 * gives the same masks on every backend, and nothing is read back from the device.
 *
 * Every sample of a batch hides the same number of patches, so the visible tokens form one
 * rectangular B×K×D tensor (MAE's "shuffle and keep the first K", He et al. 2022, §3).
 */
export const MASK_TYPES = ['random', 'block', 'grid'] as const;
export type MaskType = (typeof MASK_TYPES)[number];

export interface PatchMasks {
  batch: number;
  rows: number;
  cols: number;
  /** B·L values, row-major per sample: 1 = hidden, 0 = visible (MAE's convention). */
  hidden: Float32Array;
  /** B·K patch indices, ascending within each sample: the patches the encoder sees. */
  visible: Int32Array;
  /** K, the same for every sample. */
  visibleCount: number;
}

/**
 * Patches hidden at `ratio` of L: round(ratio·L), at most L − 1 so the encoder always sees one.
 */
export function hiddenCount(tokens: number, ratio: number): number {
  return Math.min(Math.max(tokens - 1, 0), Math.max(0, Math.round(ratio * tokens)));
}

/** Patches the grid mask keeps: one per 2×2 cell, ⌈rows/2⌉·⌈cols/2⌉. */
export function gridKeptCount(rows: number, cols: number): number {
  return Math.ceil(rows / 2) * Math.ceil(cols / 2);
}

/**
 * One mask per sample. `ratio` is the hidden fraction for random and block masks; the grid mask's
 * ratio is fixed by its pattern (1 − gridKeptCount/L) and `ratio` is ignored.
 */
export function samplePatchMasks(type: MaskType, batch: number, rows: number, cols: number, ratio: number, seed: number): PatchMasks {
  const tokens = rows * cols;
  const rng = mulberry32(seed);
  const hidden = new Float32Array(batch * tokens);
  const count = type === 'grid' ? tokens - gridKeptCount(rows, cols) : hiddenCount(tokens, ratio);
  for (let b = 0; b < batch; b++) {
    const one = hidden.subarray(b * tokens, (b + 1) * tokens);
    if (type === 'random') randomMask(one, count, rng);
    else if (type === 'block') blockMask(one, rows, cols, count, rng);
    else gridMask(one, rows, cols, rng);
  }
  const visibleCount = tokens - count;
  const visible = new Int32Array(batch * visibleCount);
  for (let b = 0, k = 0; b < batch; b++) {
    for (let j = 0; j < tokens; j++) if (hidden[b * tokens + j] === 0) visible[k++] = j;
  }
  return { batch, rows, cols, hidden, visible, visibleCount };
}

/** Uniformly random patches without replacement (MAE, He et al. 2022, §3 "Masking"). */
function randomMask(mask: Float32Array, count: number, rng: Rng): void {
  const order = permutation(mask.length, rng);
  for (let i = 0; i < count; i++) mask[order[i]] = 1;
}

/** BEiT's aspect-ratio range for a masked block, [0.3, 1/0.3] (Bao et al. 2022, Algorithm 1). */
const LOG_ASPECT = [Math.log(0.3), Math.log(1 / 0.3)] as const;
/** BEiT: a block covers at least 16 of the 196 patches of a 14×14 grid; kept as a fraction of L. */
const MIN_BLOCK_FRACTION = 16 / 196;
const BLOCK_ATTEMPTS = 10;

/**
 * BEiT's blockwise masking (Bao et al. 2022, Algorithm 1 and their `MaskingGenerator`): add random
 * rectangles of area ≥ 16/196 of the grid and aspect ratio in [0.3, 1/0.3], each adding no more
 * patches than are still to be hidden, until `count` are hidden. When no rectangle fits any more
 * (small grids, high ratios) the rest are hidden at random, so the count is always exact.
 */
function blockMask(mask: Float32Array, rows: number, cols: number, count: number, rng: Rng): void {
  const minArea = Math.max(1, Math.round(MIN_BLOCK_FRACTION * rows * cols));
  let done = 0;
  while (done < count) {
    const added = addBlock(mask, rows, cols, minArea, count - done, rng);
    if (added === 0) break;
    done += added;
  }
  if (done < count) {
    const free: number[] = [];
    mask.forEach((v, j) => {
      if (v === 0) free.push(j);
    });
    const order = permutation(free.length, rng);
    for (let i = 0; i < count - done; i++) mask[free[order[i]]] = 1;
  }
}

function addBlock(mask: Float32Array, rows: number, cols: number, minArea: number, maxNew: number, rng: Rng): number {
  for (let attempt = 0; attempt < BLOCK_ATTEMPTS; attempt++) {
    // As Python's random.uniform(min, max), which also runs downwards when maxNew < minArea.
    const area = minArea + (maxNew - minArea) * rng();
    const aspect = Math.exp(LOG_ASPECT[0] + (LOG_ASPECT[1] - LOG_ASPECT[0]) * rng());
    const h = Math.round(Math.sqrt(area * aspect));
    const w = Math.round(Math.sqrt(area / aspect));
    // BEiT keeps blocks strictly smaller than the grid; a 1-patch-wide grid still allows 1.
    if (h < 1 || w < 1 || h > Math.max(1, rows - 1) || w > Math.max(1, cols - 1)) continue;
    const top = Math.floor(rng() * (rows - h + 1));
    const left = Math.floor(rng() * (cols - w + 1));
    let fresh = 0;
    for (let r = top; r < top + h; r++) for (let c = left; c < left + w; c++) if (mask[r * cols + c] === 0) fresh++;
    if (fresh > 0 && fresh <= maxNew) {
      for (let r = top; r < top + h; r++) for (let c = left; c < left + w; c++) mask[r * cols + c] = 1;
      return fresh;
    }
  }
  return 0;
}

/**
 * MAE's grid-wise sampling, "keep one of every four patches" (He et al. 2022, Fig. 6): in each 2×2
 * cell one patch stays visible. The phase is drawn per sample along each axis of even length; an
 * odd axis has one phase that keeps ⌈n/2⌉ (the other would keep fewer), so every sample keeps the
 * same number of patches.
 */
function gridMask(mask: Float32Array, rows: number, cols: number, rng: Rng): void {
  const pr = rows % 2 === 0 && rng() < 0.5 ? 1 : 0;
  const pc = cols % 2 === 0 && rng() < 0.5 ? 1 : 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) mask[r * cols + c] = (r - pr) % 2 === 0 && (c - pc) % 2 === 0 ? 0 : 1;
  }
}

/** The masks of the first `count` samples (e.g. the few images a snapshot shows). */
export function firstMasks(m: PatchMasks, count: number): PatchMasks {
  const n = Math.min(count, m.batch);
  const tokens = m.rows * m.cols;
  return { ...m, batch: n, hidden: m.hidden.slice(0, n * tokens), visible: m.visible.slice(0, n * m.visibleCount) };
}
