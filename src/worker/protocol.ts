import { z } from 'zod';
import type { ExperimentConfig } from '../core/config/schema';
import type { BackendInfo, HistoryRow, MethodSnapshot, Progress, RunInfo, RunRecord } from '../core/train/run';
import type { PreviewSample } from '../core/methods/shared/preview';
import { CHECKPOINT_VERSION, type TrainerCheckpoint } from '../core/train/checkpoint';

export interface ResumePoint {
  checkpoint: TrainerCheckpoint;
  history: HistoryRow[];
}

const tensorData = z.object({ shape: z.array(z.number().int().min(0)).max(8), values: z.instanceof(Float32Array) });

/** A checkpoint crossing the worker boundary or coming out of IndexedDB: its shape, checked. */
export const checkpointSchema = z.object({
  version: z.literal(CHECKPOINT_VERSION),
  step: z.number().int().min(1),
  weights: z.array(tensorData),
  targets: z.array(tensorData),
  adam: z.object({ iterations: z.number().int().min(0), accBeta1: z.number(), accBeta2: z.number(), firstMoments: z.array(tensorData), secondMoments: z.array(tensorData) }),
  method: z.object({ tensors: z.record(z.string(), tensorData), numbers: z.record(z.string(), z.number()) }),
});
const resumeSchema = z.object({ checkpoint: checkpointSchema, history: z.array(z.object({ step: z.number().int().min(0) }).catchall(z.number())).min(1) });

/** Messages the UI sends the training worker. A typed union, never flags. */
export type ToWorker =
  /** `resume`: continue an interrupted run from its last checkpoint (core/train/checkpoint.ts). */
  | { type: 'start'; config: ExperimentConfig; resume?: ResumePoint }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'preview'; config: ExperimentConfig; requestId: number };

export type RunState = 'idle' | 'loading' | 'running' | 'paused' | 'stopping' | 'done' | 'stopped' | 'error';

/** Three images per sample: the original and two augmented views, 8-bit, H×W×C. */
export type { PreviewSample };

export type FromWorker =
  | { type: 'backend'; info: BackendInfo }
  | { type: 'state'; state: RunState; message?: string }
  | { type: 'runInfo'; info: RunInfo }
  | { type: 'snapshot'; snapshot: MethodSnapshot }
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

/**
 * Structural check of what arrives at the worker. The config inside is validated separately with
 * the full experiment schema (core/config/schema.ts).
 */
export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), config: z.unknown(), resume: resumeSchema.optional() }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('preview'), config: z.unknown(), requestId: z.number().int() }),
]);

const FROM_WORKER_TYPES = new Set(['backend', 'state', 'runInfo', 'snapshot', 'history', 'progress', 'preview', 'done', 'error', 'restarted', 'checkpoint']);

/** Main-thread guard for worker messages: anything else is reported, not acted on. */
export function isFromWorker(data: unknown): data is FromWorker {
  return typeof data === 'object' && data !== null && FROM_WORKER_TYPES.has((data as { type?: unknown }).type as string);
}
