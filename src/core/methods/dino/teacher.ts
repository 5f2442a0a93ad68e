/** DINO's teacher-temperature warm-up: linear from `start` at step 1 to `end` at step `warmup`, then `end` (np.linspace over the warm-up). */
export function teacherTempAt(step: number, start: number, end: number, warmup: number): number {
  if (warmup <= 0 || step >= warmup) return end;
  return start + ((end - start) * (Math.max(step, 1) - 1)) / Math.max(1, warmup - 1);
}
