import type { RunInfo, RunRecord } from '../../core/train/run';

/**
 * d, the width of the embedding the collapse metrics are measured on (whatever the method's
 * `embed()` returns). The std chart draws the healthy level 1/√d: for l2-normalised vectors spread
 * evenly over the sphere each coordinate has std ≈ 1/√d, and a collapsed embedding drops towards 0
 * (Chen & He, SimSiam, §4.1). The worker reports d when a run starts (runInfo) and again in the
 * finished run; null before any run, and the chart then omits the line rather than guess.
 */
export function embeddingDim(runInfo: RunInfo | null, lastRun: RunRecord | null): number | null {
  const d = runInfo?.embeddingDim ?? lastRun?.final.embeddingDim;
  return d !== undefined && Number.isFinite(d) && d > 0 ? d : null;
}
