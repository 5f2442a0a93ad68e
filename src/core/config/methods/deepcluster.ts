import { smallCropKnobs } from './multiCrop';
import type { MethodSpec } from './types';

export const deepclusterSpec = {
  key: 'deepcluster',
  label: 'DeepCluster',
  group: 'clustering',
  blurb: 'Every so often, cluster the features of all images with k-means and train the network to predict each image’s cluster.',
  paper: 'Caron, Bojanowski, Joulin & Douze, “Deep Clustering for Unsupervised Learning of Visual Features”, ECCV 2018',
  // 120 steps (link format v5, issue 11): DeepCluster's probe peaks early and falls as it trains on (500 steps 75.2%,
  // 1,000 72.6%; its PyTorch export falls alike, docs/FINDINGS.md#learning-curve-parity-with-pytorch), so the default
  // stops near the peak, with two clusterings.
  globalDefaults: { steps: 120 },
  knobs: [
    { name: 'k', label: 'Clusters k', kind: 'int', default: 10, min: 2, max: 1000, help: 'Number of k-means clusters. The paper found over-clustering best: k = 10 000 for ImageNet’s 1000 classes (Fig. 3), 128 images per cluster. On 5,000 digits k = 10 (500 per cluster) probed best at the default 120 steps, 81.5% against 79.9% for k = 100 and 64.5% for k = 1,000 (docs/FINDINGS.md#deepcluster-k).' },
    { name: 'clusterEvery', label: 'Re-cluster every', kind: 'int', default: 100, min: 0, max: 10_000, help: 'Steps between re-clusterings; 0 = once per epoch (⌈n / batch⌉ steps). The paper re-clusters every epoch, ~5000 steps on ImageNet; the new classifier starts from scratch each time, so it needs enough steps in between (with 32 it barely learns). Each clustering embeds all n images.' },
    { name: 'pcaDim', label: 'PCA dims', kind: 'int', default: 32, min: 0, max: 512, help: 'Features are PCA-reduced to this many dimensions, whitened and l2-normalised before k-means (paper: 256 of AlexNet’s 4096). 0: no PCA or whitening, only l2-normalised.' },
    { name: 'kmeansIters', label: 'k-means iterations', kind: 'int', default: 20, min: 1, max: 100, help: 'Lloyd iterations per clustering (the authors’ code runs faiss k-means for 20).' },
    ...smallCropKnobs('SwAV paper’s multi-crop ablation: DeepCluster-v2 with 2×160 + 4×96 crops, +4.1 points'),
  ],
  metrics: {
    nmi: { label: 'NMI of clusters vs labels', hint: 'Normalised mutual information between the pseudo-label clusters and the true classes: 0 unrelated, 1 identical.', scale: 'unit' },
    nmiVsPrevious: { label: 'NMI vs previous clustering', hint: 'Agreement of this clustering with the one before (DeepCluster Fig. 2b). Rising: the pseudo-labels settle. Shown from the second clustering on.', scale: 'unit' },
    emptyClusters: { label: 'Empty clusters', hint: 'Clusters no image was assigned to at the last re-clustering. Many: the features have collapsed.', scale: 'fromZero' },
    clusterEntropy: { label: 'Cluster-size entropy', hint: 'Entropy of the cluster sizes. Log k: balanced; low: a few clusters swallow everything.', scale: 'fromZero' },
  },
} as const satisfies MethodSpec;
