import type { AppState } from '../store';

export const selectQueue = (s: AppState) => s.queue;

let speedMemo: { key: string; value: { stepsPerSecond: number; batch: number } | null } | null = null;

/** The latest measured training speed: the run going now, else the last finished one. */
export function selectMeasuredSpeed(s: AppState): { stepsPerSecond: number; batch: number } | null {
  const sps = s.progress?.stepsPerSecond ?? s.lastRun?.stepsPerSecond;
  const batch = s.lastRun?.config.batch ?? (s.progress ? s.config.batch : undefined);
  const value = sps && sps > 0 && batch ? { stepsPerSecond: sps, batch } : null;
  const key = value ? `${value.stepsPerSecond}|${value.batch}` : '';
  // A stable object for an unchanged speed: zustand compares selector results by identity.
  if (!speedMemo || speedMemo.key !== key) speedMemo = { key, value };
  return speedMemo.value;
}
