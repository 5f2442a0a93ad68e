import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDiscriminator } from './inpainting/discriminator';
import { holeCorners, holeLoss, holeMasks, maskedInput, OVERLAP_WEIGHT } from './inpainting/masks';
import { firstAndLast, snapshotValues, trainSteps } from './testing';
import type { Discriminator } from './inpainting/discriminator';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const H = 12;
const pattern = (b: number, seed: number) =>
  tf.tensor4d(Float32Array.from({ length: b * H * H }, (_, i) => 0.5 + 0.4 * Math.sin(0.37 * i + seed)), [b, H, H, 1]);
const read = async (t: tf.Tensor) => (await t.data())[0];

describe('inpainting masks and loss', () => {
  it('hides the central square, or a random one that fits, seeded', () => {
    expect(Array.from(holeCorners(2, 28, 28, 14, 'center', 1))).toEqual([7, 7, 7, 7]);
    const random = holeCorners(200, 28, 28, 10, 'random', 3);
    expect(Math.min(...random)).toBe(0);
    expect(Math.max(...random)).toBe(18);
    expect(holeCorners(200, 28, 28, 10, 'random', 3)).toEqual(random);
    expect(holeCorners(200, 28, 28, 10, 'random', 4)).not.toEqual(random);
  });

  it('fills the hole of the input with the fill value and leaves the context as it was', async () => {
    const images = pattern(2, 0);
    const m = holeMasks(Int32Array.from([2, 3, 5, 0]), H, H, 4, 0);
    const hole = tf.tensor4d(m.hole, [2, H, H, 1]);
    const input = await maskedInput(images, hole, 0.13).data();
    const x = await images.data();
    let hidden = 0;
    for (let i = 0; i < x.length; i++) {
      const [b, y, c] = [Math.floor(i / (H * H)), Math.floor(i / H) % H, i % H];
      const [top, left] = b === 0 ? [2, 3] : [5, 0];
      const inside = y >= top && y < top + 4 && c >= left && c < left + 4;
      if (inside) hidden++;
      expect(input[i]).toBeCloseTo(inside ? 0.13 : x[i], 6);
    }
    expect(hidden).toBe(2 * 16);
    tf.dispose([images, hole]);
  });

  it('L2 counts only the hidden region: predictions outside it do not change the loss', async () => {
    const target = pattern(2, 0);
    const m = holeMasks(Int32Array.from([2, 3, 5, 0]), H, H, 4, 0);
    const weight = tf.tensor4d(m.weight, [2, H, H, 1]);
    const hole = tf.tensor4d(m.hole, [2, H, H, 1]);
    const pred = pattern(2, 1);
    // Same prediction inside the hole, anything (here 7) outside.
    const wildOutside = tf.add(tf.mul(pred, hole), tf.mul(tf.sub(1, hole), 7)) as tf.Tensor4D;
    const loss = await read(holeLoss(pred, target, weight, m.count));
    expect(await read(holeLoss(wildOutside, target, weight, m.count))).toBeCloseTo(loss, 6);
    // The value: mean squared error over the 32 hidden pixels, computed here by hand.
    const [p, t] = [await pred.data(), await target.data()];
    let sum = 0;
    m.hole.forEach((h, i) => { if (h) sum += (p[i] - t[i]) ** 2; });
    expect(m.count).toBe(32);
    expect(loss).toBeCloseTo(sum / 32, 6);
    // Inside the hole it does count.
    const wildInside = tf.add(pred, tf.mul(hole, 0.5)) as tf.Tensor4D;
    expect(await read(holeLoss(wildInside, target, weight, m.count))).not.toBeCloseTo(loss, 3);
    tf.dispose([target, weight, hole, pred, wildOutside, wildInside]);
  });

  it('weights a 1-px overlap ring around the hole 10×, clipped at the border, and nothing beyond', () => {
    const m = holeMasks(Int32Array.from([0, 4]), H, H, 4, 1);
    // Rows 0…4 (no ring above row 0), columns 3…8: 5 × 6 = 30 pixels, of which 16 hidden.
    expect(m.count).toBe(30);
    expect(m.hole.reduce((s, v) => s + v, 0)).toBe(16);
    expect(m.weight.reduce((s, v) => s + v, 0)).toBe(16 + OVERLAP_WEIGHT * 14);
    expect(m.weight[4 * H + 8]).toBe(OVERLAP_WEIGHT);
    expect(m.weight[5 * H + 8]).toBe(0);
  });
});

describe('inpainting discriminator', () => {
  it('loss is softplus(−D(real)) + softplus(D(fake)); one train() is one Adam step on its own weights only', async () => {
    const lr = 0.01;
    const d = createDiscriminator({ channels: 1, width: 4, lr, seed: 5 });
    const [real, fake] = [pattern(4, 0), pattern(4, 2)];
    const [lr_, lf] = [await d.logits(real).data(), await d.logits(fake).data()];
    const softplus = (x: number) => Math.log1p(Math.exp(x));
    const mean = (a: ArrayLike<number>, f: (x: number) => number) => Array.from(a).reduce((s, x) => s + f(x), 0) / a.length;
    expect(await read(d.loss(real, fake))).toBeCloseTo(mean(lr_, (x) => softplus(-x)) + mean(lf, softplus), 5);
    expect(await read(d.generatorLoss(fake))).toBeCloseTo(mean(lf, (x) => softplus(-x)), 5);

    const vars = d.params.list();
    const before = await snapshotValues(vars);
    const { grads } = tf.variableGrads(() => d.loss(real, fake), vars);
    const g = await Promise.all(vars.map((v) => grads[v.name].data()));
    d.train(real, fake);
    const after = await snapshotValues(vars);
    // Adam's first step (Kingma & Ba 2015, bias-corrected): Δ = −lr · g / (|g| + ε), ε = 1e-8 (the app's Adam, as PyTorch's).
    vars.forEach((_, k) => before[k].forEach((w, i) => expect(after[k][i]).toBeCloseTo(w - (lr * g[k][i]) / (Math.abs(g[k][i]) + 1e-8), 5)));
    tf.dispose([real, fake, ...Object.values(grads)]);
    d.dispose();
  });
});

describe('inpainting trains', () => {
  it('L2 only (central 14-px hole): loss falls over 20 steps, tensors stay flat, snapshot has the three columns', async () => {
    const { trainer, losses, tensorCounts } = await trainSteps('method=inpainting&region=center&holeSize=14&lr=0.003', 20);
    expect(losses.every(Number.isFinite)).toBe(true);
    const { first, last } = firstAndLast(losses);
    expect(last).toBeLessThan(first);
    expect(new Set(tensorCounts).size).toBe(1);
    const before = tf.memory().numTensors;
    const snap = await trainer.method.snapshot!();
    expect(tf.memory().numTensors).toBe(before);
    const shown = snap.images![0];
    expect(shown.columns).toEqual(['masked input', 'reconstruction', 'original']);
    expect(shown.rows).toHaveLength(6);
    const [masked, recon, original] = shown.rows[0];
    // Outside the central 14×14 hole all three agree; inside, the input is one flat fill value.
    const inHole = (i: number) => Math.floor(i / 28) >= 7 && Math.floor(i / 28) < 21 && i % 28 >= 7 && i % 28 < 21;
    const fills = new Set<number>();
    original.forEach((v, i) => {
      if (inHole(i)) fills.add(masked[i]);
      else {
        expect(masked[i]).toBe(v);
        expect(recon[i]).toBe(v);
      }
    });
    expect(fills.size).toBe(1);
    trainer.dispose();
  });

  it('with the adversarial term: the discriminator is no head, trains only in afterStep, tensors stay flat', async () => {
    const { trainer, losses, tensorCounts } = await trainSteps('method=inpainting&advWeight=0.1&region=random&holeSize=10&holeOverlap=1&lr=0.003', 8);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(new Set(tensorCounts).size).toBe(1);
    const d = (trainer.method as unknown as { discriminator: Discriminator }).discriminator;
    const dVars = new Set(d.params.list());
    expect(trainer.method.heads.flatMap((h) => h.list()).some((v) => dVars.has(v))).toBe(false);
    // A loss call alone (the generator's side) leaves D as it is; afterStep moves it.
    const before = await snapshotValues(d.params.list());
    const images = pattern(4, 3).resizeBilinear([28, 28]) as tf.Tensor4D;
    tf.tidy(() => trainer.method.loss({ images, step: 9, seed: 1, totalSteps: 9 }));
    expect(await snapshotValues(d.params.list())).toEqual(before);
    trainer.method.afterStep!(9);
    const after = await snapshotValues(d.params.list());
    expect(after.some((a, k) => a.some((v, i) => v !== before[k][i]))).toBe(true);
    const metrics = trainer.method.extraMetrics!();
    expect(Object.keys(metrics).sort()).toEqual(['discriminatorLoss', 'reconstructionL2']);
    tf.dispose([images, ...Object.values(metrics)]);
    trainer.dispose();
  });
});
