/**
 * Gram–Schmidt on a list of column vectors, in place. Returns false when a vector vanishes (the
 * vectors span fewer dimensions than their count): the caller keeps its last good basis.
 */
export function orthonormalise(vs: Float64Array[]): boolean {
  for (let c = 0; c < vs.length; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let j = 0; j < vs[c].length; j++) dot += vs[c][j] * vs[p][j];
      for (let j = 0; j < vs[c].length; j++) vs[c][j] -= dot * vs[p][j];
    }
    let norm = 0;
    for (const x of vs[c]) norm += x * x;
    if (!(norm > 1e-300)) return false;
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < vs[c].length; j++) vs[c][j] *= inv;
  }
  return true;
}
