/**
 * Readable names for the methods' extra metrics (RunInfo.extraMetrics). tfjs-free: the UI reads it.
 * A name not listed here is shown as it is, with a generic hint.
 */

/** How a metric's values read: a share in [0, 1] shown as %, a score in [0, 1], or any number. */
export type MetricScale = 'percent' | 'unit' | 'fromZero' | 'auto';

export interface MetricInfo {
  label: string;
  /** One line under the plot: what the value means and what to watch for. */
  hint: string;
  scale: MetricScale;
}

type Known = Omit<MetricInfo, 'scale'> & { scale?: MetricScale };

export const KNOWN_METRICS: Readonly<Record<string, Known>> = {
  // Contrastive
  queueFill: { label: 'MoCo queue fill', hint: 'Share of the negative queue holding real keys. Until it is full the loss sees fewer negatives than the queue size.', scale: 'percent' },
  positiveSim: { label: 'Positive-pair similarity', hint: 'Mean cosine similarity of the two views of an image. Rising is good unless negatives rise with it.', scale: 'auto' },
  negativeSim: { label: 'Negative-pair similarity', hint: 'Mean cosine similarity of different images. Climbing towards the positives: collapse.', scale: 'auto' },
  alignment: { label: 'Alignment', hint: 'Mean squared distance between the two views’ embeddings (Wang & Isola 2020). Lower: more invariant.', scale: 'fromZero' },
  uniformity: { label: 'Uniformity', hint: 'Log mean Gaussian potential over pairs (Wang & Isola 2020). More negative: spread more evenly over the sphere.', scale: 'auto' },
  // Joint embedding / distillation
  teacherStudentKL: { label: 'Teacher–student KL', hint: 'KL(teacher ‖ student) on fixed images (DINO §5.3). Falling to 0 with the teacher entropy at 0 or log K: collapse; a healthy run keeps it above 0.', scale: 'fromZero' },
  teacherEntropy: { label: 'Teacher entropy', hint: 'Entropy of the teacher’s output distribution. Near 0: one dimension wins; near log K: uniform. Both extremes mean collapse.', scale: 'fromZero' },
  studentEntropy: { label: 'Student entropy', hint: 'Entropy of the student’s output distribution; it should follow the teacher’s.', scale: 'fromZero' },
  centerNorm: { label: 'Centre norm', hint: 'Norm of the running centre subtracted from the teacher’s logits (DINO). It stops one dimension from dominating.', scale: 'fromZero' },
  momentum: { label: 'EMA momentum τ', hint: 'Weight the target network keeps at each step; scheduled towards 1.', scale: 'auto' },
  learningRate: { label: 'Learning rate', hint: 'The optimiser’s step size at this point of the schedule.', scale: 'fromZero' },
  invariance: { label: 'Invariance term', hint: 'VICReg: mean squared distance between the two views’ embeddings.', scale: 'fromZero' },
  variance: { label: 'Variance term', hint: 'VICReg: hinge on each dimension’s std. Above 0: some dimensions are shrinking.', scale: 'fromZero' },
  covariance: { label: 'Covariance term', hint: 'VICReg: squared off-diagonal covariances. High: dimensions carry the same information.', scale: 'fromZero' },
  onDiagonal: { label: 'Cross-correlation diagonal', hint: 'Barlow Twins: how far the diagonal of the cross-correlation is from 1 (invariance).', scale: 'fromZero' },
  offDiagonal: { label: 'Cross-correlation off-diagonal', hint: 'Barlow Twins: size of the off-diagonal correlations (redundancy between dimensions).', scale: 'fromZero' },
  // Clustering
  nmi: { label: 'NMI of clusters vs labels', hint: 'Normalised mutual information between the pseudo-label clusters and the true classes: 0 unrelated, 1 identical.', scale: 'unit' },
  nmiVsPrevious: { label: 'NMI vs previous clustering', hint: 'Agreement of this clustering with the one before (DeepCluster Fig. 2b). Rising: the pseudo-labels settle. Shown from the second clustering on.', scale: 'unit' },
  emptyClusters: { label: 'Empty clusters', hint: 'Clusters no image was assigned to at the last re-clustering. Many: the features have collapsed.', scale: 'fromZero' },
  clusterEntropy: { label: 'Cluster-size entropy', hint: 'Entropy of the cluster sizes. Log k: balanced; low: a few clusters swallow everything.', scale: 'fromZero' },
  codeEntropy: { label: 'Code entropy', hint: 'Entropy of the soft assignments to prototypes (SwAV). Low: assignments collapsed onto few prototypes.', scale: 'fromZero' },
  predictionEntropy: { label: 'Prediction entropy', hint: 'Mean entropy of each image’s assignment to the prototypes (SwAV). Near log K: the network hedges with uniform predictions and the loss sits at log K.', scale: 'fromZero' },
  protoPerplexity: { label: 'Prototype perplexity', hint: 'exp of the entropy of the mean assignment (MSN): K when prototypes are used evenly, 1 when every image picks the same one.', scale: 'fromZero' },
  prototypesUsed: { label: 'Prototypes used', hint: 'Prototypes that are some image’s first choice (MSN’s logged “np”). Dropping towards 1: collapse.', scale: 'fromZero' },
  prototypeUsage: { label: 'Prototypes in use', hint: 'Share of prototypes that are some image’s best match.', scale: 'percent' },
  // Pretext tasks
  hammingMin: { label: 'Min Hamming distance (permutations)', hint: 'Jigsaw: fewest tile positions in which two permutations of the set differ. Larger: classes are easier to tell apart.', scale: 'fromZero' },
  pretextAccuracy: { label: 'Pretext accuracy', hint: 'How often the network solves its made-up task on the batch. High accuracy does not guarantee useful features.', scale: 'percent' },
  // Masked modelling
  reconMse: { label: 'Reconstruction error (hidden pixels)', hint: 'MAE: mean squared error of the predicted pixels on the hidden patches of fixed images, in pixel units even when training on normalised targets.', scale: 'fromZero' },
  reconstructionL2: { label: 'Reconstruction L2 (hidden region)', hint: 'Context encoder: squared error on the hidden region only, without the adversarial term.', scale: 'fromZero' },
  discriminatorLoss: { label: 'Discriminator loss', hint: 'Context encoder’s adversarial term: log 4 ≈ 1.39 when the discriminator cannot tell filled-in images from real ones.', scale: 'fromZero' },
};

/** Whether a metric has its own label and hint (own keys only: not 'toString', 'constructor'). */
export function isKnownMetric(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(KNOWN_METRICS, name);
}

/** Label, hint and scale for a metric name; unknown names are shown as they are. */
export function metricInfo(name: string): MetricInfo {
  if (isKnownMetric(name)) return { scale: 'auto', ...KNOWN_METRICS[name] };
  return { label: name, hint: `Method-specific metric “${name}”, read with the collapse metrics.`, scale: 'auto' };
}
