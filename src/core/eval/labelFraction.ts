import { mulberry32, mixSeed, permutation } from '../random';

/**
 * The labelled share of probe-train the linear probe may use (the 1% / 10% semi-supervised protocol of
 * SimCLR §7 and BYOL Table 2): stratified, so each class keeps its share (at least one image, so no class
 * is unseen), and fixed by the seed. Each class is shuffled once per seed and a fraction takes its first
 * images, so the 1% set lies inside the 10% set: moving the knob adds labels, it does not redraw them.
 * The result is a subset of `probeTrain`, in its order, so it stays disjoint from probe-test and from
 * the unlabelled images (makeSplits).
 */
export function labelSubset(probeTrain: Int32Array, labels: ArrayLike<number>, fraction: number, seed: number): Int32Array {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`labelFraction ${fraction} must be in (0, 1]`);
  if (fraction === 1) return probeTrain;
  const byClass = new Map<number, number[]>();
  probeTrain.forEach((index, position) => {
    const c = labels[index];
    const list = byClass.get(c) ?? [];
    list.push(position);
    byClass.set(c, list);
  });
  const keep = new Uint8Array(probeTrain.length);
  for (const [c, positions] of byClass) {
    const take = Math.max(1, Math.round(fraction * positions.length));
    const order = permutation(positions.length, mulberry32(mixSeed(seed, 0x1abe1, c)));
    for (let i = 0; i < take; i++) keep[positions[order[i]]] = 1;
  }
  return probeTrain.filter((_, position) => keep[position] === 1);
}
