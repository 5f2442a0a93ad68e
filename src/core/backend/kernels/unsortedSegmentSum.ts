import * as tf from '@tensorflow/tfjs-core';
import { registerOpKernel } from './registerOpKernel';

/**
 * UnsortedSegmentSum via ScatterNd.
 *
 * Why: tfjs-backend-wasm 4.22 has no UnsortedSegmentSum, and tfjs-core's
 * gradient of tf.gather is exactly an unsorted segment sum — so backprop
 * through any gather (embedding lookups, index-based view selection) fails
 * on wasm. ScatterNd exists on wasm and, like TF, adds updates that hit the
 * same index, which is the segment-sum semantics.
 *
 * Semantics kept from the CPU kernel: segmentIds may be any prefix of x's
 * shape; the output is [numSegments, ...x.shape after that prefix]; ids
 * outside [0, numSegments) are dropped (we route them to a spare extra
 * segment and slice it off, because ScatterNd would reject them).
 */
export function unsortedSegmentSumImpl(
  x: tf.Tensor,
  segmentIds: tf.Tensor,
  numSegments: number,
): tf.Tensor {
  const idRank = segmentIds.rank;
  const rest = x.shape.slice(idRank);
  const ids = tf.reshape(tf.cast(segmentIds, 'int32'), [-1]);
  const valid = tf.logicalAnd(tf.greaterEqual(ids, 0), tf.less(ids, numSegments));
  const safeIds = tf.where(valid, ids, tf.fill(ids.shape, numSegments, 'int32'));
  const updates = tf.reshape(x, [ids.size, ...rest]);
  const summed = tf.scatterND(tf.reshape(safeIds, [-1, 1]), updates, [numSegments + 1, ...rest]);
  return tf.slice(summed, 0, numSegments);
}

/** Fills the missing wasm kernel (keeps a native one if a release adds it). */
export function registerUnsortedSegmentSum(backendName: 'wasm'): boolean {
  return registerOpKernel(
    tf.UnsortedSegmentSum,
    backendName,
    (inputs, attrs) =>
      unsortedSegmentSumImpl(
        inputs.x,
        inputs.segmentIds,
        (attrs as unknown as tf.UnsortedSegmentSumAttrs).numSegments,
      ),
    'if-missing',
  );
}
