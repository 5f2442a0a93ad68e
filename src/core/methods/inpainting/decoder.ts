import * as tf from '@tensorflow/tfjs-core';
import { ParamSet } from '../../nets/params';

/**
 * The context encoder's decoder (Pathak et al. 2016, §3.1 and Fig. 2), scaled down: from the
 * encoder's spatial map (ConvNet: B×7×7×4w on 28-px images),
 *  1. a channel-wise fully-connected layer: each channel's h·w map goes through its own dense layer,
 *     so every position can see the whole context (the encoder's receptive field is only 9 px,
 *     smaller than a 14-px hole) at C·(hw)² instead of (C·hw)² weights;
 *  2. a 1×1 convolution to mix channels, as the paper follows the channel-wise layer with a
 *     stride-1 convolution to propagate information across channels;
 *  3. up-convolutions (4×4, stride 2, as the paper's and DCGAN's) back to the image size, and a
 *     3×3 convolution to pixels in [0, 1] (sigmoid; the paper's tanh is for [−1, 1] images).
 * The table lists the convolutions after the channel-wise layer.
 */
export interface DecoderBlock {
  out: number;
  kernel: number;
  /** Stride-2 transposed convolution (doubles the size) rather than a stride-1 convolution. */
  up: boolean;
  act: 'relu' | 'sigmoid';
}

/** `ups` up-convolutions (ConvNet: 2, for 7 → 14 → 28), halving the channels down to `width`. */
export function decoderBlocks(inChannels: number, width: number, outChannels: number, ups: number): DecoderBlock[] {
  return [
    { out: inChannels, kernel: 1, up: false, act: 'relu' },
    ...Array.from({ length: ups }, (_, i): DecoderBlock => ({ out: width * 2 ** (ups - 1 - i), kernel: 4, up: true, act: 'relu' })),
    { out: outChannels, kernel: 3, up: false, act: 'sigmoid' },
  ];
}

export interface Decoder {
  params: ParamSet;
  /** B×h×w×C map → B×H×W×outChannels image (cropped to the image size). */
  apply(map: tf.Tensor4D): tf.Tensor4D;
}

export function createDecoder(opts: {
  mapHeight: number;
  mapWidth: number;
  inChannels: number;
  blocks: readonly DecoderBlock[];
  height: number;
  width: number;
  seed: number;
}): Decoder {
  const { mapHeight, mapWidth, inChannels, blocks, height, width } = opts;
  const cells = mapHeight * mapWidth;
  const p = new ParamSet('inpaintDecoder', opts.seed);
  const fcW = p.heNormal('channelFc.w', [inChannels, cells, cells], cells);
  const fcB = p.constant('channelFc.b', [inChannels, 1, cells], 0);
  let cin = inChannels;
  const layers = blocks.map((blk, i) => {
    // A stride-2 transposed k×k convolution sums (k/2)² taps of each input channel per output pixel.
    const fanIn = (blk.up ? (blk.kernel / 2) ** 2 : blk.kernel ** 2) * cin;
    // conv2dTranspose filters are [k, k, out, in]; conv2d filters [k, k, in, out].
    const shape = blk.up ? [blk.kernel, blk.kernel, blk.out, cin] : [blk.kernel, blk.kernel, cin, blk.out];
    const layer = { ...blk, w: p.heNormal(`conv${i}.w`, shape, fanIn), b: p.constant(`conv${i}.b`, [blk.out], 0) };
    cin = blk.out;
    return layer;
  });
  return {
    params: p,
    apply(map) {
      return tf.tidy(() => {
        const b = map.shape[0];
        // B×h×w×C → C×B×(hw), one (hw)×(hw) matrix per channel, and back.
        const perChannel = tf.reshape(tf.transpose(map, [3, 0, 1, 2]), [inChannels, b, cells]);
        const mixed = tf.relu(tf.add(tf.matMul(perChannel, fcW), fcB));
        let h = tf.transpose(tf.reshape(mixed, [inChannels, b, mapHeight, mapWidth]), [1, 2, 3, 0]) as tf.Tensor4D;
        for (const l of layers) {
          const [hh, ww] = [h.shape[1], h.shape[2]];
          const z = l.up
            ? tf.conv2dTranspose(h, l.w as tf.Tensor4D, [b, 2 * hh, 2 * ww, l.out], 2, 'same')
            : tf.conv2d(h, l.w as tf.Tensor4D, 1, 'same');
          const zb = tf.add(z, l.b);
          h = (l.act === 'relu' ? tf.relu(zb) : tf.sigmoid(zb)) as tf.Tensor4D;
        }
        if (h.shape[1] < height || h.shape[2] < width) throw new Error(`inpainting: the decoder gives ${h.shape[1]}×${h.shape[2]}, the images are ${height}×${width}`);
        return tf.slice(h, [0, 0, 0, 0], [b, height, width, -1]);
      });
    },
  };
}
