import { mulberry32, randInt } from '../../random';

/**
 * The permutation set of the jigsaw task (Noroozi & Favaro 2016, §3 and Algorithm 1). The network
 * classifies which of P permutations shuffled the 9 tiles; the set is picked so that its members are
 * far apart in Hamming distance (positions where two permutations differ), which the paper found
 * makes the task harder and the features better (Table 3).
 *
 * Greedy, as Algorithm 1: start from a random permutation, then repeatedly add the candidate with
 * the largest minimal distance to the permutations chosen so far; ties go to the larger summed
 * distance (the quantity Algorithm 1 maximises, D̄ = 1ᵀD) and then to the first candidate after a
 * seeded offset. Candidates are all 9! = 362 880 permutations (no sampled pool: the exact set is
 * cheap enough); each addition updates a running min and sum per candidate, so P = 100 costs 100
 * passes of 9! × 9 byte compares: about 1 s on one slow core, once per run, in the worker.
 */
export const TILES = 9;

/** All permutations of 0…n−1 in lexicographic order, packed: permutation i is [i·n, i·n + n). */
export function allPermutations(n: number): Uint8Array {
  let total = 1;
  for (let k = 2; k <= n; k++) total *= k;
  const out = new Uint8Array(total * n);
  const p = Uint8Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < total; i++) {
    out.set(p, i * n);
    nextPermutation(p);
  }
  return out;
}

/** Narayana's next lexicographic permutation, in place; false after the last one. */
function nextPermutation(p: Uint8Array): boolean {
  let i = p.length - 2;
  while (i >= 0 && p[i] >= p[i + 1]) i--;
  if (i < 0) return false;
  let j = p.length - 1;
  while (p[j] <= p[i]) j--;
  [p[i], p[j]] = [p[j], p[i]];
  p.subarray(i + 1).reverse();
  return true;
}

export function hamming(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

/** P permutations of the 9 tiles, packed P×9 (row i is permutation i, the class label i). */
export function maxHammingPermutations(count: number, seed: number, n = TILES): Uint8Array {
  const all = allPermutations(n);
  const total = all.length / n;
  if (!Number.isInteger(count) || count < 1 || count > total) throw new Error(`jigsaw: cannot choose ${count} of ${total} permutations`);
  // Column-major copy: the inner loop then walks each position's column contiguously.
  const cols = Array.from({ length: n }, (_, pos) => Uint8Array.from({ length: total }, (_, c) => all[c * n + pos]));
  // One sortable key per candidate: minimal distance first, summed distance (≤ 9·P < 2^16) second.
  const minDist = new Uint8Array(total).fill(255);
  const sumDist = new Uint32Array(total);
  const key = new Uint32Array(total);
  const dist = new Uint8Array(total);
  const rng = mulberry32(seed);
  const chosen: number[] = [];
  const add = (j: number) => {
    chosen.push(j);
    dist.fill(0);
    for (let pos = 0; pos < n; pos++) {
      const col = cols[pos];
      const v = col[j];
      for (let c = 0; c < total; c++) if (col[c] !== v) dist[c]++;
    }
    for (let c = 0; c < total; c++) {
      if (dist[c] < minDist[c]) minDist[c] = dist[c];
      sumDist[c] += dist[c];
      key[c] = minDist[c] * 65536 + sumDist[c];
    }
  };
  // The first candidate at or after `offset` (wrapping) with the largest key. Chosen permutations
  // have distance 0 to themselves, so they never win.
  const argmaxFrom = (offset: number) => {
    let best = offset;
    for (let c = offset + 1; c < total; c++) if (key[c] > key[best]) best = c;
    for (let c = 0; c < offset; c++) if (key[c] > key[best]) best = c;
    return best;
  };
  add(randInt(rng, total));
  while (chosen.length < count) add(argmaxFrom(randInt(rng, total)));
  const out = new Uint8Array(count * n);
  chosen.forEach((j, i) => out.set(all.subarray(j * n, j * n + n), i * n));
  return out;
}

export interface HammingStats {
  min: number;
  mean: number;
  /** histogram[d]: pairs of the set at distance d (0…9). */
  histogram: number[];
}

/** Pairwise Hamming distances of a packed set (what the UI shows next to the loss). */
export function hammingStats(perms: Uint8Array, n = TILES): HammingStats {
  const count = perms.length / n;
  const histogram = new Array<number>(n + 1).fill(0);
  let min = Infinity;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const d = hamming(perms.subarray(i * n, i * n + n), perms.subarray(j * n, j * n + n));
      histogram[d]++;
      min = Math.min(min, d);
      sum += d;
      pairs++;
    }
  }
  return { min: pairs ? min : 0, mean: pairs ? sum / pairs : 0, histogram };
}
