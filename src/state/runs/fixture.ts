import { runRecordSchema, type RunRecord } from '../../core/train/run';
import { parseRunRecord } from './runSchema';

/**
 * A real run, as the runner wrote it (`npm run train -- 'method=rotation&steps=3&batch=8&n=64&width=4&
 * probeTrain=50&probeTest=50' --out r.json`), "adapter" included: the runner adds it and a file
 * may carry it. Tests take a fresh copy and break one thing at a time.
 */
export function realRunJson(): Record<string, unknown> & { config: Record<string, unknown>; history: Record<string, unknown>[]; final: Record<string, unknown> } {
  return {
    config: {
      method: 'rotation',
      dataset: 'mnist',
      backend: 'auto',
      seed: 1,
      steps: 3,
      batch: 8,
      lr: 0.001,
      n: 64,
      width: 4,
      probeTrain: 50,
      probeTest: 50,
      metricsEvery: 10,
      probeEvery: 100,
      aug: { crop: true, cropMin: 0.3, cropMax: 1, flip: false, flipP: 0.5, jitter: true, jitterStrength: 0.4, blur: false, blurSigma: 1, noise: false, noiseStd: 0.1 },
      params: { rotAugment: false },
    },
    backend: 'wasm',
    wallSeconds: 0.6471160690000002,
    outcome: 'completed',
    hostReads: 5,
    stepsPerSecond: 48.108345381934896,
    history: [
      { step: 0, probeAccuracy: 0.23999999463558197, knnAccuracy: 0.019999999552965164, l2NormalizedStd: 0.031181318685412407, rankMe: 3.5644261837005615 },
      { step: 1, loss: 1.3888672590255737 },
      { step: 2, loss: 1.3846999406814575 },
      {
        step: 3,
        loss: 1.3860199451446533,
        l2NormalizedStd: 0.03139110654592514,
        rankMe: 3.572916030883789,
        probeAccuracy: 0.2199999988079071,
        knnAccuracy: 0.019999999552965164,
      },
    ],
    final: {
      probeAccuracy: 0.2199999988079071,
      knnAccuracy: 0.019999999552965164,
      l2NormalizedStd: 0.03139110654592514,
      rankMe: 3.572916030883789,
      loss: 1.3860199451446533,
      baselineProbeAccuracy: 0.23999999463558197,
      baselineKnnAccuracy: 0.019999999552965164,
      embeddingDim: 16,
    },
    adapter: 'WebAssembly with SIMD, 1 thread',
  };
}

/** The same run as the app holds it (validated by the RunRecord schema, the runner's extra key dropped). */
export function realRun(): RunRecord {
  return runRecordSchema.parse(realRunJson());
}

/** The reasons a run is refused for; throws when it is accepted (tests of refusals). */
export function errorsOf(input: unknown): string[] {
  const r = parseRunRecord(input);
  if (r.ok) throw new Error('expected the run to be refused');
  return r.errors;
}
