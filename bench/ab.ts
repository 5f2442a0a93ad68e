import * as tf from '@tensorflow/tfjs-core';

// Shared by the kernel A/B scripts (conv-ab.ts, matmul-ab.ts): both sides run interleaved in one process.

/** Min time of `run` per side over the reps (rep 0 warms up), and the two results of rep 0. */
export function abTime(sides: (() => tf.Tensor)[], reps: number): { best: number[]; results: Float32Array[] } {
  const best = sides.map(() => Infinity);
  const results: Float32Array[] = [];
  for (let r = 0; r <= reps; r++) {
    sides.forEach((run, v) => {
      const t0 = performance.now();
      const out = tf.tidy(run);
      const values = out.dataSync() as Float32Array;
      if (r > 0) best[v] = Math.min(best[v], performance.now() - t0);
      else results[v] = values;
      out.dispose();
    });
  }
  return { best, results };
}

export function relDiff(a: Float32Array, b: Float32Array): string {
  let scale = 0;
  let diff = 0;
  a.forEach((ref, i) => {
    scale = Math.max(scale, Math.abs(ref));
    diff = Math.max(diff, Math.abs(ref - b[i]));
  });
  return (diff / scale).toExponential(1);
}
