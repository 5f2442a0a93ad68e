import { nearestNeighbours, pca2 } from './map';
import { NEIGHBOURS, type FeatureSpace } from './types';

/**
 * The map's and the grid's view of one feature space, from rows already on the host (n×d). Rows are
 * l2-normalised first (the cosine geometry the losses and the neighbours use): every point then lies
 * in the unit ball, so the map can keep a fixed scale and collapse shows as the cloud shrinking.
 */
export function featureSpace(features: Float32Array, n: number, d: number): FeatureSpace {
  const unit = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += features[i * d + j] ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < d; j++) unit[i * d + j] = features[i * d + j] * inv;
  }
  return { dim: d, features: unit, pca: pca2(unit, n, d), neighbours: nearestNeighbours(unit, n, d, NEIGHBOURS) };
}
