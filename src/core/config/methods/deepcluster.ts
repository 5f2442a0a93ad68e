import { smallCropKnobs } from './multiCrop';
import type { MethodSpec } from './types';

export const deepclusterSpec = {
  key: 'deepcluster',
  label: 'DeepCluster',
  group: 'clustering',
  blurb: 'Every so often, cluster the features of all images with k-means and train the network to predict each image’s cluster.',
  paper: 'Caron, Bojanowski, Joulin & Douze, “Deep Clustering for Unsupervised Learning of Visual Features”, ECCV 2018',
  knobs: [
    { name: 'k', label: 'Clusters k', kind: 'int', default: 100, min: 2, max: 1000, help: 'Number of k-means clusters. The paper found over-clustering best: k = 10 000 for ImageNet’s 1000 classes (Fig. 3); 10× MNIST’s 10 classes is 100.' },
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
