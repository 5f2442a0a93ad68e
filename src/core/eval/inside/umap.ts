import { UMAP } from 'umap-js';
import { mulberry32, mixSeed } from '../../random';

/**
 * UMAP (McInnes, Healy & Melville 2018) of row-major n×d features to 2-D, with umap-js and a seeded
 * random stream, so the same features and seed give the same map. 15 neighbours and min_dist 0.1 are
 * the authors' defaults; 200 epochs is their default for small data (n < 10,000 gets 500; 200 keep
 * 256 points under a second and already settled). Slow enough that it runs in its own worker.
 */
export function umap2(features: Float32Array, n: number, d: number, seed: number): Float32Array {
  if (n < 3) throw new Error(`UMAP needs at least 3 points, got ${n}`);
  const rows = Array.from({ length: n }, (_, i) => Array.from(features.subarray(i * d, (i + 1) * d)));
  const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(15, n - 1), minDist: 0.1, nEpochs: 200, random: mulberry32(mixSeed(seed, 0x0a4a)) });
  const out = umap.fit(rows);
  return Float32Array.from(out.flat());
}
