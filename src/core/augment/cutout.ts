import * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '../random';

/**
 * Cutout (DeVries & Taylor 2017): a square of side round(size·min(H, W)) at a uniformly drawn
 * centre (clipped at the borders, as theirs), filled with the image's mean, per sample with
 * probability p. The mask is built on the device from per-sample bounds: one batched op.
 */
export function cutout(images: tf.Tensor4D, size: number, p: number, seed: number): tf.Tensor4D {
  const [batch, height, width] = images.shape;
  const side = Math.round(size * Math.min(height, width));
  const rng = mulberry32(seed);
  // [y1, y2, x1, x2) per sample; an empty box for samples left alone.
  const bounds = new Float32Array(batch * 4);
  let any = false;
  for (let b = 0; b < batch; b++) {
    const apply = rng() < p;
    const cy = Math.floor(rng() * height);
    const cx = Math.floor(rng() * width);
    if (!apply || side === 0) continue;
    any = true;
    bounds.set([cy - Math.floor(side / 2), cy - Math.floor(side / 2) + side, cx - Math.floor(side / 2), cx - Math.floor(side / 2) + side], b * 4);
  }
  if (!any) return tf.clone(images);
  return tf.tidy(() => {
    const bt = tf.tensor2d(bounds, [batch, 4]);
    const col = (i: number) => tf.reshape(tf.slice(bt, [0, i], [batch, 1]), [batch, 1, 1, 1]);
    const ys = tf.reshape(tf.range(0, height, 1, 'float32'), [1, height, 1, 1]);
    const xs = tf.reshape(tf.range(0, width, 1, 'float32'), [1, 1, width, 1]);
    const inside = tf.logicalAnd(
      tf.logicalAnd(tf.greaterEqual(ys, col(0)), tf.less(ys, col(1))),
      tf.logicalAnd(tf.greaterEqual(xs, col(2)), tf.less(xs, col(3))),
    );
    const mean = tf.mean(images, [1, 2, 3], true);
    return tf.where(tf.broadcastTo(inside, images.shape), tf.broadcastTo(mean, images.shape), images) as tf.Tensor4D;
  });
}
