import type { ExperimentConfig } from '../config/schema';

/** tfjs-free shapes of what training produces (DESIGN.md "Public formats"). */
export interface HistoryRow {
  step: number;
  loss?: number;
  l2NormalizedStd?: number;
  rankMe?: number;
  probeAccuracy?: number;
  knnAccuracy?: number;
  [metric: string]: number | undefined;
}

export interface BackendInfo {
  /** The tfjs backend in use: webgpu, webgl, wasm or cpu. */
  name: string;
  /** The device behind it, e.g. "SwiftShader fallback adapter" or a GPU's name. */
  adapter: string;
  /** Backends tried first that failed, with why. */
  fallbacks: { name: string; reason: string }[];
  /** Why `auto` picked this one, e.g. "chose WASM: 31 ms/step vs WebGL 410 ms/step". */
  choice?: string;
}

export interface FinalMetrics {
  probeAccuracy: number;
  knnAccuracy: number;
  /** The same probe on the encoder at random init (step 0): the baseline line. */
  baselineProbeAccuracy: number;
  baselineKnnAccuracy: number;
  l2NormalizedStd: number;
  rankMe: number;
  /** Size of the embedding the collapse metrics were measured on (1/√d is the healthy std). */
  embeddingDim: number;
  loss: number;
  [metric: string]: number;
}

export interface RunRecord {
  config: ExperimentConfig;
  backend: string;
  wallSeconds: number;
  /** Whether the run reached config.steps, or why it ended early. */
  outcome: 'completed' | 'stopped' | 'diverged';
  message?: string;
  /** Device→host read-backs the run loop made in all (each one await t.data()); none inside a step. */
  hostReads: number;
  /** Optimiser steps per second of training time (probes and metric readings excluded). */
  stepsPerSecond: number;
  history: HistoryRow[];
  final: FinalMetrics;
}

export interface Progress {
  step: number;
  totalSteps: number;
  stepsPerSecond: number;
  etaSeconds: number;
}

/** Method-specific visuals, tfjs-free so the UI can render them. */
export interface SnapshotImages {
  title: string;
  /** Column captions, e.g. ["masked input", "reconstruction", "original"]. */
  columns: string[];
  height: number;
  width: number;
  channels: number;
  /** rows[i][j]: image of row i, column j, 8-bit H×W×C. */
  rows: Uint8ClampedArray[][];
}

export interface SnapshotBars {
  title: string;
  labels: string[];
  values: number[];
}

export interface MethodSnapshot {
  step?: number;
  images?: SnapshotImages[];
  bars?: SnapshotBars[];
}

/** What the UI needs to know as soon as a run starts. */
export interface RunInfo {
  /** Width d of the embedding the collapse metrics read (the std chart's 1/√d line). */
  embeddingDim: number;
  /** Trainable parameters: encoder and heads. */
  parameters: number;
  /** Names of the method's extra metrics, for their charts. */
  extraMetrics: string[];
}
