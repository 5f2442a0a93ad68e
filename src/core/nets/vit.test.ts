import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParamSet } from './params';
import { createVitEncoder, patchGrid, patchify, scatterTokens, selectTokens, sinCosPosEmbed, unpatchify } from './vit';
import { createDense, createTransformer, dense, gelu } from './vit/block';
import { maxAbsDiff, pattern } from './vit/testUtil';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tiny = { channels: 1, height: 28, width: 28, patchSize: 7, dim: 8, depth: 2, heads: 2, seed: 3 };

describe('patches', () => {
  it('patchify cuts row-major patches flattened as (y, x, c), and unpatchify inverts it exactly', async () => {
    for (const [h, w, c, p] of [[28, 28, 1, 4], [28, 28, 1, 7], [12, 8, 3, 4]]) {
      const grid = patchGrid(h, w, c, p);
      const x = pattern([2, h, w, c]) as tf.Tensor4D;
      const patches = patchify(x, grid);
      expect(patches.shape).toEqual([2, (h / p) * (w / p), p * p * c]);
      expect(await maxAbsDiff(unpatchify(patches, grid), x)).toBe(0);
      // Patch (r = 1, col = 1) of sample 1, element by element.
      const xs = (await x.array()) as number[][][][];
      const ps = (await patches.array()) as number[][][];
      const want: number[] = [];
      for (let y = 0; y < p; y++) for (let xx = 0; xx < p; xx++) for (let ch = 0; ch < c; ch++) want.push(xs[1][p + y][p + xx][ch]);
      expect(ps[1][grid.cols + 1]).toEqual(want);
      tf.dispose([x, patches]);
    }
  });

  it('a side that the patch does not divide is cropped centrally', async () => {
    const grid = patchGrid(30, 31, 1, 7);
    expect([grid.rows, grid.cols, grid.top, grid.left]).toEqual([4, 4, 1, 1]);
    const x = pattern([1, 30, 31, 1]) as tf.Tensor4D;
    const back = unpatchify(patchify(x, grid), grid);
    expect(await maxAbsDiff(back, tf.slice(x, [0, 1, 1, 0], [1, 28, 28, 1]))).toBe(0);
  });
});

describe('sin-cos position embeddings', () => {
  it('follow MAE’s formula: [sin x·ω, cos x·ω, sin y·ω, cos y·ω], ω_k = 10000^(−k/(D/4))', () => {
    const d = 8;
    const pe = sinCosPosEmbed(3, 4, d);
    const row = 2;
    const col = 3;
    const at = Array.from(pe.subarray((row * 4 + col) * d, (row * 4 + col + 1) * d));
    const omega = [1, 1 / 100];
    const want = [...omega.map((w) => Math.sin(col * w)), ...omega.map((w) => Math.cos(col * w)), ...omega.map((w) => Math.sin(row * w)), ...omega.map((w) => Math.cos(row * w))];
    at.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
    const rows = new Set(Array.from({ length: 12 }, (_, i) => Array.from(pe.subarray(i * d, (i + 1) * d)).map((v) => v.toFixed(5)).join()));
    expect(rows.size).toBe(12);
  });

  it('a smaller grid spans the same extent (focal crops): 1×1 sits at the centre', () => {
    const [one] = [sinCosPosEmbed(1, 1, 4, 7, 7)];
    // Centre of a 7×7 grid is position 3 on both axes.
    expect(Array.from(one)).toEqual(Array.from(sinCosPosEmbed(7, 7, 4).subarray((3 * 7 + 3) * 4, (3 * 7 + 4) * 4)));
  });
});

describe('token selection', () => {
  it('selectTokens picks each sample’s listed tokens in order; scatterTokens puts them back', async () => {
    const tokens = tf.tensor3d(Float32Array.from({ length: 2 * 5 * 3 }, (_, i) => i), [2, 5, 3]);
    const indices = Int32Array.from([4, 0, 2, 1, 3, 4]);
    const picked = selectTokens(tokens, indices);
    expect(picked.shape).toEqual([2, 3, 3]);
    const t = (await tokens.array()) as number[][][];
    expect(await picked.array()).toEqual([[t[0][4], t[0][0], t[0][2]], [t[1][1], t[1][3], t[1][4]]]);
    const back = (await scatterTokens(picked, indices, 5).array()) as number[][][];
    const zero = [0, 0, 0];
    expect(back).toEqual([[t[0][0], zero, t[0][2], zero, t[0][4]], [zero, t[1][1], zero, t[1][3], t[1][4]]]);
  });

  it('rejects indices outside the sequence', () => {
    const tokens = tf.zeros([1, 4, 2]) as tf.Tensor3D;
    expect(() => selectTokens(tokens, Int32Array.from([4]))).toThrow(/outside/);
  });
});

describe('transformer block against a plain-JS reference (Dosovitskiy et al. 2021, eq. 2–3)', () => {
  it('matches LayerNorm → MHSA → residual → LayerNorm → GELU MLP → residual', async () => {
    const d = 8;
    const heads = 2;
    const t = 3;
    const p = new ParamSet('ref', 9);
    const block = createTransformer(p, 'b', { dim: d, depth: 1, heads, mlpRatio: 2 });
    // Non-trivial norms, so γ and β are exercised.
    p.vars.get('b0.ln1.gamma')!.assign(pattern([d], 1) as tf.Tensor1D);
    p.vars.get('b0.ln2.beta')!.assign(pattern([d], 2) as tf.Tensor1D);
    const x = pattern([2, t, d], 3) as tf.Tensor3D;
    const got = (await block.apply(x).array()) as number[][][];
    const w = Object.fromEntries(await Promise.all(p.list().map(async (v) => [[...p.vars].find(([, u]) => u === v)![0], await v.array()])));
    const mm = (a: number[][], m: number[][], bias: number[]) => a.map((r) => bias.map((b0, j) => b0 + r.reduce((s, v, i) => s + v * m[i][j], 0)));
    const ln = (a: number[][], g: number[], b: number[]) =>
      a.map((r) => {
        const mean = r.reduce((s, v) => s + v, 0) / r.length;
        const variance = r.reduce((s, v) => s + (v - mean) ** 2, 0) / r.length;
        return r.map((v, i) => ((v - mean) / Math.sqrt(variance + 1e-6)) * g[i] + b[i]);
      });
    const geluRef = (v: number) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
    const dh = d / heads;
    for (const [s, seq] of ((await x.array()) as number[][][]).entries()) {
      const h1 = ln(seq, w['b0.ln1.gamma'], w['b0.ln1.beta']);
      const [q, k, v] = ['q', 'k', 'v'].map((n) => mm(h1, w[`b0.${n}.w`], w[`b0.${n}.b`]));
      const mixed = q.map(() => Array(d).fill(0) as number[]);
      for (let h = 0; h < heads; h++) {
        for (let i = 0; i < t; i++) {
          const scores = k.map((kj) => kj.slice(h * dh, (h + 1) * dh).reduce((s0, kv, c) => s0 + kv * q[i][h * dh + c], 0) / Math.sqrt(dh));
          const m = Math.max(...scores);
          const e = scores.map((sc) => Math.exp(sc - m));
          const z = e.reduce((a, b) => a + b, 0);
          for (let j = 0; j < t; j++) for (let c = 0; c < dh; c++) mixed[i][h * dh + c] += (e[j] / z) * v[j][h * dh + c];
        }
      }
      const x1 = mm(mixed, w['b0.proj.w'], w['b0.proj.b']).map((r, i) => r.map((val, j) => val + seq[i][j]));
      const hidden = mm(ln(x1, w['b0.ln2.gamma'], w['b0.ln2.beta']), w['b0.fc1.w'], w['b0.fc1.b']).map((r) => r.map(geluRef));
      const x2 = mm(hidden, w['b0.fc2.w'], w['b0.fc2.b']).map((r, i) => r.map((val, j) => val + x1[i][j]));
      x2.forEach((r, i) => r.forEach((val, j) => expect(got[s][i][j]).toBeCloseTo(val, 5)));
    }
    p.dispose();
  });

  it('GELU is the tanh approximation, and the dense layer’s hand-written gradient equals matMul’s', async () => {
    const x = tf.tensor1d([-3, -1, -0.2, 0, 0.5, 2, 4]);
    const want = Array.from(await x.data()).map((v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))));
    Array.from(await gelu(x).data()).forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
    const p = new ParamSet('d', 1);
    const lin = createDense(p, 'l', 4, 3);
    const input = pattern([2, 5, 4]) as tf.Tensor3D;
    const r = pattern([2, 5, 3], 1);
    const ours = tf.grads((a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(dense(a as tf.Tensor3D, { w: w as tf.Variable, b: b as tf.Variable, out: 3 }), r)));
    const plain = tf.grads((a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.matMul(tf.reshape(a, [10, 4]), w as tf.Tensor2D), b).reshape([2, 5, 3]), r)));
    const g1 = ours([input, lin.w, lin.b]);
    const g2 = plain([input, lin.w, lin.b]);
    for (let i = 0; i < 3; i++) expect(await maxAbsDiff(g1[i], g2[i])).toBeLessThan(1e-5);
    p.dispose();
  });
});

describe('tiny ViT encoder', () => {
  it('maps B×28×28×1 to B×D features and B×K×D visible tokens; small crops get a smaller grid', () => {
    const vit = createVitEncoder(tiny);
    const x = pattern([3, 28, 28, 1]) as tf.Tensor4D;
    expect(vit.grid.tokens).toBe(16);
    expect(vit.apply(x).shape).toEqual([3, 8]);
    expect(vit.encodeVisible(x, Int32Array.from({ length: 3 * 5 }, (_, i) => (i * 3) % 16)).shape).toEqual([3, 5, 8]);
    expect(vit.embedPatches(pattern([2, 14, 14, 1]) as tf.Tensor4D).shape).toEqual([2, 4, 8]);
    vit.params.dispose();
  });

  it('a gradient reaches every weight, through apply and through encodeVisible', async () => {
    const vit = createVitEncoder(tiny);
    const x = pattern([2, 28, 28, 1]) as tf.Tensor4D;
    const r = pattern([2, 8], 5);
    const rTok = pattern([2, 6, 8], 6);
    const visible = Int32Array.from([0, 3, 5, 8, 12, 15, 1, 2, 6, 7, 9, 14]);
    for (const f of [() => tf.sum(tf.mul(vit.apply(x), r)) as tf.Scalar, () => tf.sum(tf.mul(vit.encodeVisible(x, visible), rTok)) as tf.Scalar]) {
      const { grads, value } = tf.variableGrads(f, vit.params.list());
      expect(Object.keys(grads)).toHaveLength(vit.params.list().length);
      for (const [name, v] of vit.params.vars) {
        const g = grads[v.name];
        expect(g, name).toBeDefined();
        const norm = (await tf.norm(g).data())[0];
        expect(Number.isFinite(norm)).toBe(true);
        if (name.endsWith('.k.b')) {
          // The key bias adds q·b_k to every score of a query, which softmax ignores: its gradient
          // is exactly 0 in theory (float rounding leaves ~1e-9), in every ViT.
          expect(norm, `gradient of ${name}`).toBeLessThan(1e-6);
        } else {
          expect(norm, `gradient of ${name}`).toBeGreaterThan(1e-5);
        }
      }
      tf.dispose([...Object.values(grads), value]);
    }
    vit.params.dispose();
  });

  it('never sees hidden patches: changing them leaves the visible tokens’ encoding unchanged', async () => {
    const vit = createVitEncoder(tiny);
    const x = pattern([1, 28, 28, 1]) as tf.Tensor4D;
    const visible = Int32Array.from([1, 6, 11]);
    // Patch 0 (rows 0–6, cols 0–6) and patch 15 (rows 21–27, cols 21–27) are hidden: overwrite them.
    const noise = tf.mul(tf.sub(pattern([1, 28, 28, 1], 9), 0.5), 10);
    const inHidden = tf.tensor4d(Float32Array.from({ length: 784 }, (_, i) => ((Math.floor(i / 28) < 7 && i % 28 < 7) || (Math.floor(i / 28) >= 21 && i % 28 >= 21) ? 1 : 0)), [1, 28, 28, 1]);
    const changed = tf.add(x, tf.mul(noise, inHidden)) as tf.Tensor4D;
    expect(await maxAbsDiff(changed, x)).toBeGreaterThan(1);
    expect(await maxAbsDiff(vit.encodeVisible(changed, visible), vit.encodeVisible(x, visible))).toBe(0);
    // …while a change inside a visible patch (patch 6: rows 7–13, cols 14–20) does change it.
    const inVisible = tf.tensor4d(Float32Array.from({ length: 784 }, (_, i) => (Math.floor(i / 28) === 10 && i % 28 === 16 ? 1 : 0)), [1, 28, 28, 1]);
    expect(await maxAbsDiff(vit.encodeVisible(tf.add(x, inVisible) as tf.Tensor4D, visible), vit.encodeVisible(x, visible))).toBeGreaterThan(1e-4);
    // All patches visible: the token mean is exactly apply().
    const all = Int32Array.from({ length: 16 }, (_, i) => i);
    expect(await maxAbsDiff(tf.mean(vit.encodeVisible(x, all), 1), vit.apply(x))).toBeLessThan(1e-6);
    vit.params.dispose();
  });

  it('has no leak: apply and encodeVisible leave the tensor count as it was', () => {
    const vit = createVitEncoder(tiny);
    const x = pattern([2, 28, 28, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    tf.dispose([vit.apply(x), vit.encodeVisible(x, Int32Array.from([0, 1, 2, 3]))]);
    expect(tf.memory().numTensors).toBe(before);
    vit.params.dispose();
    x.dispose();
  });
});
