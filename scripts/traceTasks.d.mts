// Types for scripts/traceTasks.mjs (plain ESM, shared by the benchmarks and the e2e tests).
export interface LongTask {
  startMs: number;
  wallMs: number;
  cpuMs: number;
  jsMs: number | null;
  gcMs: number | null;
  harnessMs?: number;
  /** The task that started the sampling profiler (its time is the measurement's). */
  profilerStart?: boolean;
  top: [string, number][];
}
export interface LongTaskSummary {
  count: number;
  longestWallMs: number;
  longestCpuMs: number;
  longestJsMs: number | null;
  overCpu: number;
  overJs: number | null;
}
export function traceCategories(opts: { profile: boolean }): string[];
export function longTasks(trace: unknown, opts: { origin: string; thresholdUs?: number }): LongTask[];
export function describeLongTasks(tasks: LongTask[]): { lines: string[]; summary: LongTaskSummary };
