import type { Knob } from '../knobs';

/**
 * What the UI and the URL codec know of each method: its key, where it sits in the SSL story and its
 * knobs. The training code for a method lives in src/core/methods/<key>.ts (which imports tfjs);
 * this table is tfjs-free so the main thread can render controls from it.
 */
export type MethodGroup = 'pretext' | 'contrastive' | 'joint' | 'clustering' | 'masked';

export const METHOD_GROUPS: readonly { key: MethodGroup; label: string }[] = [
  { key: 'pretext', label: 'Pretext tasks' },
  { key: 'contrastive', label: 'Contrastive' },
  { key: 'joint', label: 'Joint embedding' },
  { key: 'clustering', label: 'Clustering' },
  { key: 'masked', label: 'Masked modelling' },
];

export interface MethodSpec {
  key: string;
  label: string;
  group: MethodGroup;
  /** One sentence: what the network is trained to do. */
  blurb: string;
  paper: string;
  knobs: readonly Knob[];
}

