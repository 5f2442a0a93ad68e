import type { Knob } from '../knobs';

/**
 * What the UI and the URL codec know of each method: its key, where it sits in the SSL story, its
 * knobs and the metrics it charts. The training code for a method lives in src/core/methods/<key>.ts
 * (which imports tfjs and is built with defineMethod(spec, create)); this table is tfjs-free so the
 * main thread can render controls and charts from it.
 */
export type MethodGroup = 'pretext' | 'contrastive' | 'joint' | 'clustering' | 'masked' | 'reference';

export const METHOD_GROUPS: readonly { key: MethodGroup; label: string }[] = [
  { key: 'pretext', label: 'Pretext tasks' },
  { key: 'contrastive', label: 'Contrastive' },
  { key: 'joint', label: 'Joint embedding' },
  { key: 'clustering', label: 'Clustering' },
  { key: 'masked', label: 'Masked modelling' },
  // Not SSL: trained with labels, the line the methods are measured against.
  { key: 'reference', label: 'Reference (labels, not SSL)' },
];

/** How a metric's values read: a share in [0, 1] shown as %, a score in [0, 1], from 0 up, or any number. */
export type MetricScale = 'percent' | 'unit' | 'fromZero' | 'auto';

/** One chart of the method view: a method declares one for every scalar its extraMetrics returns. */
export interface MetricSpec {
  label: string;
  /** One line under the plot: what the value means and what to watch for. */
  hint: string;
  /** Default 'auto'. */
  scale?: MetricScale;
}

/** The encoders a method can ask for (nets/backbones.ts): the small ConvNet or the tiny ViT. */
export type BackboneKind = 'convnet' | 'vit';

export interface MethodSpec {
  key: string;
  label: string;
  group: MethodGroup;
  /** One sentence: what the network is trained to do. */
  blurb: string;
  paper: string;
  /** Which encoder the trainer builds for the method. Default: the ConvNet. */
  backbone?: BackboneKind;
  knobs: readonly Knob[];
  /**
   * Shared (global) knobs whose default differs for this method, by name (schema.ts defaultConfig).
   * A link without the knob gets this value; switching to the method in the UI brings it unless the
   * user had changed the knob (state/actions.ts setMethod).
   */
  globalDefaults?: Readonly<Record<string, number | string | boolean>>;
  /** Every scalar the method charts besides the loss and the collapse metrics, by the name it emits. */
  metrics?: Readonly<Record<string, MetricSpec>>;
}

