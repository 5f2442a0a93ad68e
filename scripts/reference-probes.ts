// Reference probes for an experiment (DESIGN.md "Evaluation protocol"): the lines every run computes
// before its first step (src/core/eval/references.ts), on the same split and label share as a run of
// that link: the linear probe on raw pixels, and on PCA of the pixels (fitted on the unlabelled
// subset) with as many components as the encoder's features (4·width). An SSL method that does not
// beat PCA has not yet shown anything.
//   npx tsx scripts/reference-probes.ts '<share URL or query>'   → JSON on stdout
import * as tf from '@tensorflow/tfjs-core';
import { decodeConfig } from '../src/core/config/url';
import { makeSplits } from '../src/core/data/dataset';
import { labelSubset } from '../src/core/eval/labelFraction';
import { referenceKey, referenceProbes } from '../src/core/eval/references';
import { loadExperimentDataset } from '../src/runner/loadDatasetFs';
import { prepareNodeBackend } from '../src/runner/nodeBackends';

const { config, ignored } = decodeConfig(process.argv[2] ?? '');
if (ignored.length) {
  process.stderr.write(`reference-probes: ${ignored.join('; ')}\n`);
  process.exit(2);
}
await prepareNodeBackend('wasm');
await tf.setBackend('wasm');
const ds = await loadExperimentDataset(config);
const splits = makeSplits(ds.count, config, config.seed);
const labelled = labelSubset(splits.probeTrain, ds.labels, Number(config.labelFraction), config.seed);
const dim = 4 * config.width;
const { pixelProbeAccuracy, pcaProbeAccuracy } = await referenceProbes(ds, { ...splits, probeTrain: labelled }, dim, referenceKey(ds, config, dim));
process.stdout.write(JSON.stringify({ dataset: config.dataset, seed: config.seed, probeTrain: labelled.length, probeTest: config.probeTest, pcaComponents: dim, pixelProbeAccuracy, pcaProbeAccuracy }, null, 2) + '\n');
