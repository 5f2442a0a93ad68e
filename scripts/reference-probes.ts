// Reference probes for an experiment (DESIGN.md "Evaluation protocol"): the same linear probe on the
// same probe-train/probe-test split as a run of that link, fitted on raw pixels and on PCA of the
// pixels with as many components as the encoder's embedding (4·width). An SSL method that does not
// beat PCA has not yet shown anything.
//   npx tsx scripts/reference-probes.ts '<share URL or query>'   → JSON on stdout
import * as tf from '@tensorflow/tfjs-core';
import { decodeConfig } from '../src/core/config/url';
import { makeSplits, gatherFloat, gatherLabels } from '../src/core/data/dataset';
import { linearProbeAccuracy } from '../src/core/eval/probe';
import { fitPcaWhitening } from '../src/core/linalg/pca';
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
const pixels = (idx: Int32Array) => tf.tensor2d(gatherFloat(ds, idx), [idx.length, ds.height * ds.width * ds.channels]);
const labels = (idx: Int32Array) => tf.tensor1d(gatherLabels(ds, idx), 'int32');
const [xTrain, xTest, yTrain, yTest] = [pixels(splits.probeTrain), pixels(splits.probeTest), labels(splits.probeTrain), labels(splits.probeTest)];
const classes = ds.classes;
const read = async (t: tf.Scalar) => (await t.data())[0];

const pixelProbeAccuracy = await read(linearProbeAccuracy(xTrain, yTrain, xTest, yTest, { classes }));
const dim = 4 * config.width;
const pca = await fitPcaWhitening(xTrain, dim);
const pcaProbeAccuracy = await read(linearProbeAccuracy(pca.whiten(xTrain) as tf.Tensor2D, yTrain, pca.whiten(xTest) as tf.Tensor2D, yTest, { classes }));
process.stdout.write(JSON.stringify({ dataset: config.dataset, seed: config.seed, probeTrain: config.probeTrain, probeTest: config.probeTest, pcaComponents: dim, pixelProbeAccuracy, pcaProbeAccuracy }, null, 2) + '\n');
