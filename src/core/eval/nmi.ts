/**
 * Normalised mutual information between two labellings of the same items, as DeepCluster measures
 * it (Caron et al. 2018, §4.1): NMI(A; B) = I(A; B) / √(H(A) H(B)). 0: independent; 1: the same
 * partition up to renaming. Host-side and exact (natural logs; the base cancels).
 *
 * When a labelling has a single label its entropy is 0 and the ratio is 0/0: two single-label
 * labellings are the same partition (1); one single label against a real partition shares no
 * information (0), as scikit-learn does.
 */
export function nmi(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n !== b.length) throw new Error(`nmi: labellings have ${a.length} and ${b.length} items`);
  if (n === 0) throw new Error('nmi: no items');
  const countA = new Map<number, number>();
  const countB = new Map<number, number>();
  const joint = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    countA.set(a[i], (countA.get(a[i]) ?? 0) + 1);
    countB.set(b[i], (countB.get(b[i]) ?? 0) + 1);
    const key = `${a[i]},${b[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  const hA = entropyOf(countA.values(), n);
  const hB = entropyOf(countB.values(), n);
  if (hA === 0 || hB === 0) return hA === hB ? 1 : 0;
  // I(A; B) = Σ p(a, b) log(p(a, b) / (p(a) p(b))) = Σ (n_ab / n) log(n · n_ab / (n_a n_b)).
  let mi = 0;
  for (const [key, nab] of joint) {
    const [ka, kb] = key.split(',').map(Number);
    mi += (nab / n) * Math.log((n * nab) / (countA.get(ka)! * countB.get(kb)!));
  }
  // Rounding can push I a hair outside [0, min(H)]; the score is a share.
  return Math.min(1, Math.max(0, mi / Math.sqrt(hA * hB)));
}

function entropyOf(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}
