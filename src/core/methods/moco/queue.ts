import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '../../losses';

/**
 * MoCo's dictionary (He et al. 2020, §3.2): a FIFO queue of K l2-normalised keys from earlier
 * batches, the negatives of InfoNCE. Newest keys sit in the first rows; enqueueing B keys drops the
 * B oldest, so K need not be a multiple of the batch (the paper's code asserts it is).
 *
 * Like the authors' code (`torch.randn(dim, K)`, normalised), the queue starts full of random unit
 * vectors, so the loss has K negatives from step 1; `fill` says how much of it holds real keys.
 */
export class KeyQueue {
  private keys: tf.Tensor2D;
  private realKeys = 0;

  constructor(readonly size: number, readonly dim: number, seed: number) {
    this.keys = tf.tidy(() => l2Normalize(tf.randomNormal([size, dim], 0, 1, 'float32', seed)));
  }

  /** The K×d queue (owned by this object: do not dispose). */
  get tensor(): tf.Tensor2D {
    return this.keys;
  }

  /** Fraction of the queue holding keys of real images, 0..1. */
  get fill(): number {
    return this.realKeys / this.size;
  }

  /** Puts a batch of already-normalised keys at the front; the oldest fall off the end. */
  enqueue(batch: tf.Tensor2D): void {
    if (batch.shape[1] !== this.dim) throw new Error(`KeyQueue: keys of width ${batch.shape[1]}, queue has ${this.dim}`);
    const b = Math.min(batch.shape[0], this.size);
    const next = tf.tidy(() => {
      const fresh = tf.slice(batch, 0, b);
      return b === this.size ? tf.clone(fresh) : tf.concat([fresh, tf.slice(this.keys, 0, this.size - b)], 0);
    });
    this.keys.dispose();
    this.keys = next;
    this.realKeys = Math.min(this.size, this.realKeys + b);
  }

  /** The keys and how many are real, for a checkpoint (the tensor stays the queue's). */
  save(): { keys: tf.Tensor2D; realKeys: number } {
    return { keys: this.keys, realKeys: this.realKeys };
  }

  /** Back to a saved state; the given keys are copied. */
  load(keys: tf.Tensor, realKeys: number): void {
    if (keys.shape.join() !== `${this.size},${this.dim}`) throw new Error(`KeyQueue: saved keys of shape [${keys.shape}], queue is [${this.size},${this.dim}]`);
    this.keys.dispose();
    this.keys = tf.clone(keys) as tf.Tensor2D;
    this.realKeys = realKeys;
  }

  dispose(): void {
    this.keys.dispose();
  }
}
