import * as tf from '@tensorflow/tfjs-core';
import { readTensor, toTensor, type AdamState } from './checkpoint';

/**
 * Adam's state, read and written directly. tfjs's own getWeights/setWeights recompute the
 * bias-correction powers as pow(β, t+1), which can differ in the last float32 bit from the product
 * the optimiser accumulated step by step; a resumed run would then drift from the uninterrupted one.
 */
interface AdamInternals {
  iterations_: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
}

// tfjs keeps these fields private in its types; they are the optimiser's whole state (adam_optimizer.js).
const internals = (opt: tf.Optimizer) => opt as unknown as AdamInternals;

export async function saveAdam(opt: tf.Optimizer): Promise<AdamState> {
  const a = internals(opt);
  const [b1, b2] = await Promise.all([a.accBeta1.data(), a.accBeta2.data()]);
  return {
    iterations: a.iterations_ ?? 0,
    accBeta1: b1[0],
    accBeta2: b2[0],
    firstMoments: await Promise.all(a.accumulatedFirstMoment.map((m) => readTensor(m.variable))),
    secondMoments: await Promise.all(a.accumulatedSecondMoment.map((m) => readTensor(m.variable))),
  };
}

/** Into a fresh optimiser (no step taken yet): moments are created as Adam itself names them. */
export function restoreAdam(opt: tf.Optimizer, state: AdamState, variables: readonly tf.Variable[]): void {
  const a = internals(opt);
  if (a.accumulatedFirstMoment.length > 0) throw new Error('checkpoint: restore needs an optimiser that has not stepped');
  if (state.firstMoments.length !== 0 && state.firstMoments.length !== variables.length) {
    throw new Error(`checkpoint: Adam moments for ${state.firstMoments.length} weights, this run has ${variables.length}`);
  }
  a.iterations_ = state.iterations;
  tf.tidy(() => {
    a.accBeta1.assign(tf.scalar(state.accBeta1));
    a.accBeta2.assign(tf.scalar(state.accBeta2));
  });
  const make = (suffix: string, d: AdamState['firstMoments'][number], i: number) => ({
    originalName: `${variables[i].name}/${suffix}`,
    variable: tf.tidy(() => toTensor(d).variable(false)),
  });
  a.accumulatedFirstMoment = state.firstMoments.map((d, i) => make('m', d, i));
  a.accumulatedSecondMoment = state.secondMoments.map((d, i) => make('v', d, i));
}
