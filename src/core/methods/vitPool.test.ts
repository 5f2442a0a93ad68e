import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { asVit, createVitEncoder } from '../nets/vit';
import { pattern } from '../nets/vit/testUtil';
import { createMaeDecoder } from './mae/decoder';
import { snapshotValues, trainSteps } from './testing';

const MAE = 'method=mae&vitDim=8&vitDepth=1&vitHeads=2&decoderDim=8&decoderDepth=1&lr=0.003';
const MSN = 'method=msn&vitDim=8&vitDepth=1&vitHeads=2&projHidden=16&projDim=8&prototypes=8&focalViews=2&lr=0.003';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('MAE’s decoder with the encoder’s [CLS] token (models_mae.py forward_decoder)', () => {
  it('predicts B×L×P for the patches only, and the [CLS] output reaches every prediction through attention', async () => {
    const vit = createVitEncoder({ channels: 1, height: 28, width: 28, patchSize: 7, dim: 8, depth: 1, heads: 2, seed: 1, pool: 'cls' });
    const decoder = createMaeDecoder({ encoderDim: 8, dim: 8, depth: 1, heads: 2, grid: vit.grid, seed: 2, clsTokens: 1 });
    const x = pattern([2, 28, 28, 1]) as tf.Tensor4D;
    const visible = Int32Array.from([0, 5, 10, 15, 1, 2, 3, 4]);
    const hidden = tf.tensor2d(Array.from({ length: 32 }, (_, i) => (visible.slice(Math.floor(i / 16) * 4, Math.floor(i / 16) * 4 + 4).includes(i % 16) ? 0 : 1)), [2, 16]);
    const encoded = vit.encodeVisible(x, visible);
    expect(encoded.shape).toEqual([2, 5, 8]);
    const out = decoder.apply(encoded, visible, hidden);
    expect(out.shape).toEqual([2, 16, 49]);
    // Change only the [CLS] row: every patch's prediction moves (it is attended to, then dropped).
    const bumped = tf.concat([tf.add(tf.slice(encoded, [0, 0, 0], [2, 1, 8]), 1), tf.slice(encoded, [0, 1, 0], [2, 4, 8])], 1) as tf.Tensor3D;
    const moved = tf.min(tf.max(tf.abs(tf.sub(decoder.apply(bumped, visible, hidden), out)), 2));
    expect((await moved.data())[0]).toBeGreaterThan(1e-6);
    vit.params.dispose();
    decoder.params.dispose();
  });
});

describe('pool=cls trains MAE and MSN', () => {
  for (const [name, query] of [['mae', MAE], ['msn', MSN]] as const) {
    it(`${name}: finite losses, tensors flat over steps, the [CLS] token learns, and the loss differs from pool=mean`, async () => {
      const cls = await trainSteps(`${query}&pool=cls`, 3);
      const mean = await trainSteps(query, 3);
      expect(cls.losses.every(Number.isFinite)).toBe(true);
      expect(new Set(cls.tensorCounts).size).toBe(1);
      const vit = asVit(cls.trainer.encoder);
      expect(vit.options.pool).toBe('cls');
      expect(asVit(mean.trainer.encoder).params.vars.has('clsToken')).toBe(false);
      // Initial draw from the same seed (a fresh encoder) against the trained one.
      const fresh = createVitEncoder(vit.options);
      const [before, after] = await snapshotValues([fresh.params.vars.get('clsToken')!, vit.params.vars.get('clsToken')!]);
      expect(Math.max(...Array.from(after, (v, i) => Math.abs(v - before[i])))).toBeGreaterThan(1e-5);
      expect(Math.abs(cls.losses[0] - mean.losses[0])).toBeGreaterThan(1e-6);
      if (name === 'msn') {
        // The EMA target ViT has its own [CLS] token, paired with the online one.
        const pairs = cls.trainer.method.momentumPairs!();
        expect(pairs.some(([o]) => o === vit.params.vars.get('clsToken'))).toBe(true);
      }
      fresh.params.dispose();
      cls.trainer.dispose();
      mean.trainer.dispose();
    });
  }
});
