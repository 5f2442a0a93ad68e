import { l2NormalizeRows, nearestNeighbours, pca2 } from './map';
import { NEIGHBOURS, type FeatureSpace } from './types';

/**
 * The map's and the grid's view of one feature space, from rows already on the host (n×d). Rows are
 * l2-normalised first (the cosine geometry the losses and the neighbours use): every point then lies
 * in the unit ball, so the map can keep a fixed scale and collapse shows as the cloud shrinking.
 */
export function featureSpace(features: Float32Array, n: number, d: number): FeatureSpace {
  const unit = l2NormalizeRows(features, n, d);
  return { dim: d, features: unit, pca: pca2(unit, n, d), neighbours: nearestNeighbours(unit, n, d, NEIGHBOURS) };
}
