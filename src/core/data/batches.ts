import { mulberry32, mixSeed, permutation, type Rng } from '../random';

/**
 * Epoch-style sampler over the unlabelled subset: shuffles, walks through it in batches, reshuffles.
 * Host-side and seeded, so batch k is the same on every backend.
 */
export class BatchSampler {
  private order: Int32Array;
  private cursor = 0;
  private readonly rng: Rng;

  constructor(private readonly pool: Int32Array, seed: number) {
    this.rng = mulberry32(mixSeed(seed, 0xba7c4));
    this.order = permutation(pool.length, this.rng);
  }

  next(batch: number): Int32Array {
    const out = new Int32Array(batch);
    for (let i = 0; i < batch; i++) {
      if (this.cursor >= this.order.length) {
        this.order = permutation(this.pool.length, this.rng);
        this.cursor = 0;
      }
      out[i] = this.pool[this.order[this.cursor++]];
    }
    return out;
  }
}
