import type { MethodKey } from '../../core/config/methods';
import type { RunRecord } from '../../core/train/run';

/** One row of the Saved runs list: what a person needs to pick a run without loading its history. */
export interface RunSummary {
  id: string;
  method: MethodKey;
  seed: number;
  /** The last step the run reached (below totalSteps when it was stopped or diverged). */
  steps: number;
  totalSteps: number;
  outcome: RunRecord['outcome'];
  /** Final linear-probe accuracy, a fraction; NaN when the run was trained without a probe (shown as "no probe"). */
  finalProbe: number;
  /** Milliseconds since the epoch, when it was saved. */
  savedAt: number;
  backend: string;
  /** Identifies the same run saved twice (an export imported back while the original is kept). */
  fingerprint: string;
}

/** A saved run as stored: the record plus its key and when it was saved. */
export interface SavedRun {
  id: string;
  savedAt: number;
  /** Version of this wrapper's shape (db.ts RECORD_SCHEMA); absent in records written before it existed. */
  schema?: number;
  run: RunRecord;
}

/** A stored record that failed validation: skipped, and named so it can be deleted. */
export interface SkippedRun {
  id: string;
  reason: string;
}

export function lastStep(run: RunRecord): number {
  return run.history.reduce((m, r) => Math.max(m, r.step), 0);
}

/**
 * wallSeconds is a float read from a clock, so with method, seed and the final numbers it tells runs
 * apart; JSON round-trips doubles exactly, so an exported run keeps its fingerprint.
 */
export function runFingerprint(run: RunRecord): string {
  return [run.config.method, run.config.seed, run.backend, run.wallSeconds, lastStep(run), run.final.probeAccuracy, run.final.loss].join('|');
}

export function summarize({ id, savedAt, run }: SavedRun): RunSummary {
  return {
    id,
    method: run.config.method,
    seed: run.config.seed,
    steps: lastStep(run),
    totalSteps: run.config.steps,
    outcome: run.outcome,
    finalProbe: run.final.probeAccuracy ?? NaN,
    savedAt,
    backend: run.backend,
    fingerprint: runFingerprint(run),
  };
}

/** Newest first. */
export function sortSummaries(runs: readonly RunSummary[]): RunSummary[] {
  return [...runs].sort((a, b) => b.savedAt - a.savedAt || (a.id < b.id ? 1 : -1));
}

let lastSavedAt = 0;

/** Strictly increasing within a page, so two saves in one millisecond still get distinct ids. */
export function nextSavedAt(now: number = Date.now()): number {
  lastSavedAt = Math.max(now, lastSavedAt + 1);
  return lastSavedAt;
}

/** Key of a saved run: when, which method, which seed (readable in devtools, unique with nextSavedAt). */
export function runId(run: RunRecord, savedAt: number): string {
  return `${savedAt}-${run.config.method}-${run.config.seed}`;
}
