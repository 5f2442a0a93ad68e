/**
 * MoCo's learning-rate schedules, as functions of the 1-based step (the epoch in the authors' code).
 * v1 (He et al. 2020, §4.1): ×0.1 at epochs 120 and 160 of 200, i.e. at 60% and 80% of the run.
 * v2 (Chen et al. 2020, "Improved Baselines", Table 1 "cos"): cosine decay, lr·½(1 + cos(π·t/T)).
 */
export const V1_MILESTONES = [0.6, 0.8] as const;

export function mocoV1LearningRate(step: number, totalSteps: number, base: number): number {
  const progress = (step - 1) / Math.max(1, totalSteps);
  return V1_MILESTONES.reduce((lr, m) => (progress >= m ? lr * 0.1 : lr), base);
}

export function mocoV2LearningRate(step: number, totalSteps: number, base: number): number {
  const progress = Math.min(1, Math.max(0, (step - 1) / Math.max(1, totalSteps)));
  return base * 0.5 * (1 + Math.cos(Math.PI * progress));
}
