import { z } from 'zod';
import type { ExperimentConfig } from '../core/config/schema';
import type { BackendInfo, HistoryRow, MethodSnapshot, Progress, RunInfo, RunRecord } from '../core/train/run';
import type { PreviewSample } from '../core/methods/shared/preview';
import type { UserDataset } from '../core/data/userDataset';
import type { InsideReading } from '../core/eval/inside/types';
import { CHECKPOINT_VERSION, upgradeCheckpoint, type TrainerCheckpoint } from '../core/train/checkpoint';

export interface ResumePoint {
  checkpoint: TrainerCheckpoint;
  history: HistoryRow[];
}

const tensorData = z.object({ shape: z.array(z.number().int().min(0)).max(8), values: z.instanceof(Float32Array) });

const optimizerSchema = z.object({ kind: z.string().max(16), step: z.number().int().min(0), slots: z.array(z.array(tensorData).max(2)) });

/** A checkpoint crossing the worker boundary or coming out of IndexedDB: its shape, checked (a version-1 one read as version 2). */
export const checkpointSchema = z.preprocess(
  upgradeCheckpoint,
  z.object({
    version: z.literal(CHECKPOINT_VERSION),
    step: z.number().int().min(1),
    weights: z.array(tensorData),
    targets: z.array(tensorData),
    buffers: z.array(tensorData),
    optimizer: optimizerSchema,
    method: z.object({
      tensors: z.record(z.string(), tensorData),
      numbers: z.record(z.string(), z.number()),
      arrays: z.record(z.string(), z.instanceof(Int32Array)).optional(),
      optimisers: z.record(z.string(), optimizerSchema).optional(),
    }),
  }),
);
const resumeSchema = z.object({ checkpoint: checkpointSchema, history: z.array(z.object({ step: z.number().int().min(0) }).catchall(z.number())).min(1) });

/** Messages the UI sends the training worker. A typed union, never flags. */
export type ToWorker =
  /** `resume`: continue an interrupted run from its last checkpoint (core/train/checkpoint.ts). */
  | { type: 'start'; config: ExperimentConfig; resume?: ResumePoint }
  | { type: 'pause' }
  | { type: 'resume' }
  /** While paused: exactly one update, with a reading, then paused again. */
  | { type: 'step' }
  | { type: 'stop' }
  /** count images × views views (the augmentation studio's grid); PREVIEW_COUNT × 2 when absent. */
  | { type: 'preview'; config: ExperimentConfig; requestId: number; count?: number; views?: number }
  /** A user's dataset (CIFAR-10 files, own images) from IndexedDB, before a start or preview that uses it. */
  | { type: 'dataset'; dataset: UserDataset };

export type RunState = 'idle' | 'loading' | 'running' | 'paused' | 'stopping' | 'done' | 'stopped' | 'error';

/** Three images per sample: the original and two augmented views, 8-bit, H×W×C. */
export type { PreviewSample };

export type FromWorker =
  | { type: 'backend'; info: BackendInfo }
  | { type: 'state'; state: RunState; message?: string }
  | { type: 'runInfo'; info: RunInfo }
  | { type: 'snapshot'; snapshot: MethodSnapshot }
  /** What the see-inside panels draw, at each collapse reading (arrays transferred). */
  | { type: 'inside'; reading: InsideReading }
  | { type: 'history'; rows: HistoryRow[] }
  | { type: 'progress'; progress: Progress }
  | { type: 'preview'; requestId: number; height: number; width: number; channels: number; samples: PreviewSample[] }
  | { type: 'done'; run: RunRecord }
  /** The run's state every few steps, to survive a reload or a crash; `ms` is what taking it cost. */
  | { type: 'checkpoint'; checkpoint: TrainerCheckpoint; history: HistoryRow[]; ms: number }
  | { type: 'error'; message: string }
  /** The run restarts from step 0 on another backend (its GPU failed); earlier rows are void. */
  | { type: 'restarted'; reason: string; backend: BackendInfo };

/** Number of images in the augmentation preview strip. */
export const PREVIEW_COUNT = 6;
/** The augmentation studio's largest grid. */
export const MAX_PREVIEW_COUNT = 12;
export const MAX_PREVIEW_VIEWS = 8;

/**
 * Structural check of what arrives at the worker. The config inside is validated separately with
 * the full experiment schema (core/config/schema.ts).
 */
export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), config: z.unknown(), resume: resumeSchema.optional() }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('step') }),
  z.object({ type: z.literal('stop') }),
  z.object({
    type: z.literal('preview'),
    config: z.unknown(),
    requestId: z.number().int(),
    count: z.number().int().min(1).max(MAX_PREVIEW_COUNT).optional(),
    views: z.number().int().min(1).max(MAX_PREVIEW_VIEWS).optional(),
  }),
  // Checked field by field with checkUserDataset (core/data/userDataset.ts).
  z.object({ type: z.literal('dataset'), dataset: z.unknown() }),
]);

const FROM_WORKER_TYPES = new Set(['backend', 'state', 'runInfo', 'snapshot', 'inside', 'history', 'progress', 'preview', 'done', 'error', 'restarted', 'checkpoint']);

/** Main-thread guard for worker messages: anything else is reported, not acted on. */
export function isFromWorker(data: unknown): data is FromWorker {
  return typeof data === 'object' && data !== null && FROM_WORKER_TYPES.has((data as { type?: unknown }).type as string);
}
