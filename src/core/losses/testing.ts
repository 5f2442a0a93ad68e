/**
 * Test helpers: plain-JS (float64) reference arithmetic on number[][] and fixed seeded inputs, so the
 * tests compute expected values independently of tfjs. Imported only by *.test.ts files.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core registers no gradients by itself; in Node, the @tensorflow/tfjs bundle registers them on
// the same tfjs-core instance (its CJS build), as any training code must have done.
import '@tensorflow/tfjs';
import { expect } from 'vitest';
import { mulberry32 } from '../random';

export type Mat = number[][];

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** rows×cols standard-normal entries (Box–Muller on a seeded mulberry32 stream). */
export function gaussian(rows: number, cols: number, seed: number, scale = 1): Mat {
  const rng = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => scale * normal()));
}

export const t2 = (m: Mat): tf.Tensor2D => tf.tensor2d(m);

/** Read a scalar without dataSync, and dispose it. */
export async function read(t: tf.Tensor): Promise<number> {
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

export async function readAll(t: tf.Tensor): Promise<number[]> {
  const v = Array.from(await t.data());
  t.dispose();
  return v;
}

export function expectClose(actual: number, expected: number, tol = 1e-4): void {
  expect(Number.isFinite(actual)).toBe(true);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

export const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i], 0);
export const normalize = (a: number[]): number[] => {
  const n = Math.sqrt(dot(a, a));
  return a.map((x) => x / n);
};
export const cosine = (a: number[], b: number[]): number => dot(normalize(a), normalize(b));
export const logSumExp = (a: number[]): number => {
  const m = Math.max(...a);
  return m + Math.log(a.reduce((s, x) => s + Math.exp(x - m), 0));
};
export const logSoftmax = (a: number[]): number[] => {
  const l = logSumExp(a);
  return a.map((x) => x - l);
};
export const softmax = (a: number[]): number[] => logSoftmax(a).map(Math.exp);
export const transpose = (m: Mat): Mat => m[0].map((_, j) => m.map((r) => r[j]));
export const mean = (a: number[]): number => a.reduce((s, x) => s + x, 0) / a.length;
export const sum = (a: number[]): number => a.reduce((s, x) => s + x, 0);
export const column = (m: Mat, j: number): number[] => m.map((r) => r[j]);
export const scaleMat = (m: Mat, s: number): Mat => m.map((r) => r.map((x) => x * s));

/** Variance of a list, divided by n − ddof. */
export function variance(a: number[], ddof: number): number {
  const mu = mean(a);
  return a.reduce((s, x) => s + (x - mu) ** 2, 0) / (a.length - ddof);
}

/** Assert that f leaves the tensor count unchanged once its result is disposed. */
export async function expectNoLeak(f: () => tf.Tensor | Promise<tf.Tensor>): Promise<void> {
  const warm = await f();
  warm.dispose();
  const before = tf.memory().numTensors;
  const out = await f();
  expect(tf.memory().numTensors).toBe(before + 1);
  out.dispose();
  expect(tf.memory().numTensors).toBe(before);
}
