import * as tf from '@tensorflow/tfjs-core';
import { ParamSet } from './params';

/**
 * The small ConvNet encoder shared by every method: three 3×3 conv layers (width, 2·width, 4·width
 * channels; the last two with stride 2), ReLU, global average pooling. On 28×28 inputs the maps are
 * 28 → 14 → 7, so the receptive field covers most of a digit. No BatchNorm in the encoder: features
 * of one image must not depend on the rest of its batch when the probe reads them.
 */
export interface Encoder {
  params: ParamSet;
  /** Feature size (4·width). */
  outDim: number;
  apply(x: tf.Tensor4D): tf.Tensor2D;
  /**
   * The spatial feature map before pooling (ConvNet: B×⌈H/4⌉×⌈W/4⌉×4·width), for methods that
   * decode from it (context-encoder inpainting). Absent on backbones without one.
   */
  applyMap?(x: tf.Tensor4D): tf.Tensor4D;
  /**
   * The same architecture under another parameter-set name, with fresh weights and the same
   * parameter names: what a target network is built from (methods/shared/target.ts).
   */
  clone(name: string): Encoder;
}

export function createConvEncoder(opts: { channels: number; width: number; seed: number; name?: string }): Encoder {
  const { channels, width } = opts;
  const p = new ParamSet(opts.name ?? 'encoder', opts.seed);
  const layers = [
    { cin: channels, cout: width, stride: 1 },
    { cin: width, cout: 2 * width, stride: 2 },
    { cin: 2 * width, cout: 4 * width, stride: 2 },
  ].map((l, i) => ({
    ...l,
    w: p.heNormal(`conv${i}.w`, [3, 3, l.cin, l.cout], 9 * l.cin),
    b: p.constant(`conv${i}.b`, [l.cout], 0),
  }));
  return {
    params: p,
    outDim: 4 * width,
    clone: (name) => createConvEncoder({ ...opts, name }),
    applyMap(x) {
      return tf.tidy(() => {
        let h: tf.Tensor4D = x;
        for (const l of layers) {
          h = tf.relu(tf.add(tf.conv2d(h, l.w as tf.Tensor4D, l.stride, 'same'), l.b));
        }
        return h;
      });
    },
    apply(x) {
      return tf.tidy(() => tf.mean(this.applyMap!(x), [1, 2]) as tf.Tensor2D);
    },
  };
}
