import { z } from 'zod';
import { experimentConfigSchema } from '../config/schema';

/**
 * tfjs-free shapes of what training produces (DESIGN.md "Public formats"). A run has one definition,
 * the zod schema below, with its types inferred; state/runs/runSchema.ts validates files and IndexedDB
 * records with the same fields (runFields) in their JSON form.
 */

const count = z.number().int().min(0);
const nonNegative = z.number().min(0);
/** Accuracies are fractions (DESIGN.md: "Accuracies are fractions in [0, 1]"). */
const accuracy = z.number().min(0).max(1);
/**
 * Longest backend name a record may hold: tfjs names are a few letters, a run of the exported train.py names where
 * it ran ("PyTorch 2.4.0 on node17: 16 processes, 8× NVIDIA H100 80GB HBM3", export/ranOn.ts); a file could carry 100k.
 */
export const MAX_BACKEND_CHARS = 200;
/** Longest run message (why it stopped or diverged): the app writes one sentence. */
export const MAX_MESSAGE_CHARS = 1000;
/** How the run ended: it reached config.steps, was stopped, or its loss blew up. */
export const RUN_OUTCOMES = ['completed', 'stopped', 'diverged'] as const;

/** A metric as the app holds it: any number, NaN and ±Infinity included (a diverged run's last loss). */
const heldMetric = z.union([z.number(), z.nan(), z.literal(Infinity), z.literal(-Infinity)]);

/**
 * The fields of a run but its config (which has its own validator), for a given encoding of metric
 * values: as held (numbers), or as JSON stores them (NaN and ±Infinity written as null).
 */
export function runFields<M extends z.ZodType<number | null>>(metric: M) {
  return {
    /** The tfjs backend the run trained on (webgpu, webgl, wasm, cpu; a name, never prose). */
    backend: z.string().min(1).max(MAX_BACKEND_CHARS),
    wallSeconds: nonNegative,
    /** Whether the run reached config.steps, or why it ended early. */
    outcome: z.enum(RUN_OUTCOMES),
    message: z.string().max(MAX_MESSAGE_CHARS).optional(),
    /** Device→host read-backs the run loop made in all (each one await t.data()); none inside a step. */
    hostReads: count,
    /** Optimiser steps per second of training time (probes and metric readings excluded). */
    stepsPerSecond: nonNegative,
    /** One row per measured step: the loss and whatever metrics were read at that step. */
    history: z.array(z.object({ step: count }).catchall(metric)).min(1),
    /**
     * The evaluation (probe, kNN, their random-init baselines, the collapse metrics) is absent, all of it, from a
     * run trained without one (the exported train.py with --no-eval): absent means not measured, never a number.
     */
    final: z
      .object({
        probeAccuracy: accuracy.optional(),
        knnAccuracy: accuracy.optional(),
        /** The same probe on the encoder at random init (step 0): the baseline line. */
        baselineProbeAccuracy: accuracy.optional(),
        baselineKnnAccuracy: accuracy.optional(),
        l2NormalizedStd: metric.optional(),
        rankMe: metric.optional(),
        /** Size of the embedding the collapse metrics were measured on (1/√d is the healthy std). */
        embeddingDim: z.number().int().min(1),
        loss: metric,
      })
      .catchall(metric),
  };
}

/** A run as the runner writes it and the UI holds, exports and imports it (an older config read with its version's values: schema.ts). */
export const runRecordSchema = z.object({ config: experimentConfigSchema, ...runFields(heldMetric) });

export type RunRecord = z.output<typeof runRecordSchema>;
export type HistoryRow = RunRecord['history'][number];
export type FinalMetrics = RunRecord['final'];
/** The evaluation a run may lack (all of it, or none): absent when the run was trained without one. */
export type EvaluationKey = 'probeAccuracy' | 'knnAccuracy' | 'baselineProbeAccuracy' | 'baselineKnnAccuracy' | 'l2NormalizedStd' | 'rankMe';
export const EVALUATION_KEYS: readonly EvaluationKey[] = ['probeAccuracy', 'knnAccuracy', 'baselineProbeAccuracy', 'baselineKnnAccuracy', 'l2NormalizedStd', 'rankMe'];
/** A run the app trained itself: it always evaluates. */
export type EvaluatedRun = RunRecord & { final: FinalMetrics & Required<Pick<FinalMetrics, EvaluationKey>> };

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
  /** Optional caption under each image, e.g. a prediction; ok marks it right (true) or wrong (false). */
  notes?: { text: string; ok?: boolean }[][];
}

/** The pixel buffers of a snapshot, once each, for postMessage's transfer list. */
export function snapshotTransferables(s: MethodSnapshot): ArrayBuffer[] {
  return [...new Set((s.images ?? []).flatMap((img) => img.rows.flatMap((row) => row.map((p) => p.buffer as ArrayBuffer))))];
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
  /** Trained parameters per block (the encoder and each head's ParamSet), for the model graph. */
  blockParameters?: Record<string, number>;
}
