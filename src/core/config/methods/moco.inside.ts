import type { MethodInside } from './inside/types';
import { twoBranchGraph } from './inside/templates';

const base = twoBranchGraph({ head: { label: 'head', params: 'head', shape: 'B×{projDim}' }, target: 'ema', views: ['query view', 'key view'], loss: { label: 'InfoNCE, τ = {temperature}', about: 'The query must find its own key among the keys of the queue.' } });

export const mocoInside: MethodInside = {
  graph: {
    nodes: [...base.nodes, { id: 'queue', label: 'key queue ({queueSize})', kind: 'param', col: 4, row: 1.3, shape: '{queueSize}×{projDim}', about: 'Keys of past batches: the negatives. First in, first out; not trained.' }],
    edges: [...base.edges, { from: 'h2', to: 'queue', order: 7, kind: 'stopgrad', label: 'enqueue' }, { from: 'queue', to: 'loss', order: 5, kind: 'stopgrad', live: 'queueFill', label: 'fill' }],
  },
  explainer: {
    idea: 'A query must match its key (another view through a slowly moving key encoder) against thousands of keys from earlier batches. The queue decouples the number of negatives from the batch size.',
    formula: String.raw`\mathcal{L} = -\log \frac{\exp(q\cdot k_+/\tau)}{\exp(q\cdot k_+/\tau) + \sum_{k_- \in \text{queue}} \exp(q\cdot k_-/\tau)},\qquad \theta_k \leftarrow m\,\theta_k + (1-m)\,\theta_q`,
    collapse: 'Negatives from the queue, kept consistent by the momentum key encoder: a collapsed embedding cannot tell its key from the queue.',
    paper: 'He, Fan, Wu, Xie & Girshick, “Momentum Contrast for Unsupervised Visual Representation Learning”, CVPR 2020',
    url: 'https://arxiv.org/abs/1911.05722',
  },
};
