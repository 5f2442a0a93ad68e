import type { GraphEdge, GraphNode, MethodGraph } from './types';

/**
 * Shapes several methods' graphs share. Two-branch methods: images → two augmented views → encoder →
 * head(s) per branch → loss, the second branch either the same weights (shared), the same weights
 * under stop-gradient, or a momentum (EMA) copy.
 */

export interface TwoBranchOptions {
  /** Label and ParamSet of the head after the encoder (projector, expander, student head). */
  head: { label: string; params: string; shape: string };
  /** An extra head on the online branch only (BYOL's and SimSiam's predictor). */
  predictor?: { label: string; params: string; shape: string };
  /** How branch 2 relates to branch 1. */
  target: 'shared' | 'stopgrad' | 'ema';
  loss: { label: string; about: string };
  /** Labels of the two views. */
  views?: [string, string];
  /** A live value on the edge into the loss from branch 1. */
  lossLive?: string;
}

export function twoBranchGraph(o: TwoBranchOptions): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const ema = o.target === 'ema';
  const [l1, l2] = o.views ?? ['view 1', 'view 2'];
  const nodes: GraphNode[] = [
    { id: 'x', label: 'images', kind: 'data', col: 0, row: 0.5, shape: 'B×H×W×C', about: 'A batch of unlabelled images.' },
    { id: 'v1', label: l1, kind: 'op', col: 1, row: 0, shape: 'B×H×W×C', about: 'A random augmentation of each image.' },
    { id: 'v2', label: l2, kind: 'op', col: 1, row: 1, shape: 'B×H×W×C', about: 'Another random augmentation of the same images.' },
    { id: 'enc1', label: 'encoder', kind: 'net', col: 2, row: 0, shared: ema ? undefined : 'encoder', params: ['encoder'], shape: 'B×F' },
    { id: 'enc2', label: ema ? 'target encoder' : 'encoder', kind: 'net', col: 2, row: 1, shared: ema ? undefined : 'encoder', params: ema ? [] : ['encoder'], shape: 'B×F', about: ema ? 'An exponential moving average of the online encoder; never trained by gradients.' : undefined },
    { id: 'h1', label: o.head.label, kind: 'net', col: 3, row: 0, shared: ema ? undefined : 'head', params: [o.head.params], shape: o.head.shape },
    { id: 'h2', label: ema ? `target ${o.head.label}` : o.head.label, kind: 'net', col: 3, row: 1, shared: ema ? undefined : 'head', params: ema ? [] : [o.head.params], shape: o.head.shape },
    { id: 'loss', label: o.loss.label, kind: 'loss', col: o.predictor ? 5 : 4, row: 0.5, shape: 'scalar', about: o.loss.about },
  ];
  const edges: GraphEdge[] = [
    { from: 'x', to: 'v1', order: 1 },
    { from: 'x', to: 'v2', order: 1 },
    { from: 'v1', to: 'enc1', order: 2 },
    { from: 'v2', to: 'enc2', order: 2 },
    { from: 'enc1', to: 'h1', order: 3 },
    { from: 'enc2', to: 'h2', order: 3 },
  ];
  if (o.predictor) {
    nodes.push({ id: 'pred', label: o.predictor.label, kind: 'net', col: 4, row: 0, params: [o.predictor.params], shape: o.predictor.shape });
    edges.push({ from: 'h1', to: 'pred', order: 4 }, { from: 'pred', to: 'loss', order: 5, live: o.lossLive ?? 'loss' });
  } else {
    edges.push({ from: 'h1', to: 'loss', order: 5, live: o.lossLive ?? 'loss' });
  }
  edges.push({ from: 'h2', to: 'loss', order: 5, kind: o.target === 'shared' ? 'flow' : 'stopgrad', label: o.target === 'shared' ? undefined : 'stop-grad' });
  if (ema) {
    edges.push({ from: 'enc1', to: 'enc2', order: 6, kind: 'ema', live: 'tau', label: 'EMA' }, { from: 'h1', to: 'h2', order: 6, kind: 'ema', live: 'tau', label: 'EMA' });
  }
  return { nodes, edges };
}

/**
 * Pretext tasks: images → a transform that makes its own label → encoder → classifier → cross-entropy
 * against the label the transform made.
 */
export function pretextGraph(o: { transform: string; transformShape: string; head: string; params: string; classes: string; labelAbout: string; about: string }): MethodGraph {
  return {
    nodes: [
      { id: 'x', label: 'images', kind: 'data', col: 0, row: 0, shape: 'B×H×W×C', about: 'A batch of unlabelled images.' },
      { id: 't', label: o.transform, kind: 'op', col: 1, row: 0, shape: o.transformShape, about: o.about },
      { id: 'y', label: 'task labels', kind: 'data', col: 1, row: 1, shape: 'B', about: o.labelAbout },
      { id: 'enc', label: 'encoder', kind: 'net', col: 2, row: 0, params: ['encoder'], shape: 'B×F' },
      { id: 'head', label: o.head, kind: 'net', col: 3, row: 0, params: [o.params], shape: `B×${o.classes}` },
      { id: 'loss', label: 'cross-entropy', kind: 'loss', col: 4, row: 0.5, shape: 'scalar', about: 'How badly the head predicts the label the transform made.' },
    ],
    edges: [
      { from: 'x', to: 't', order: 1 },
      { from: 't', to: 'y', order: 1, kind: 'stopgrad', label: 'makes' },
      { from: 't', to: 'enc', order: 2 },
      { from: 'enc', to: 'head', order: 3 },
      { from: 'head', to: 'loss', order: 4, live: 'loss' },
      { from: 'y', to: 'loss', order: 4, kind: 'stopgrad' },
    ],
  };
}
