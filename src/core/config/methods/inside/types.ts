/**
 * What the see-inside panels know of a method besides its knobs: its data flow as a small graph (the
 * GAN Lab idea for SSL) and its explainer. tfjs-free: the main thread draws both. Each method's own
 * description lives beside its spec, in ../<key>.inside.ts.
 */

/** data: tensors that enter (images, labels); op: a fixed transform; net: trained weights; param: a trained table (prototypes); loss. */
export type GraphNodeKind = 'data' | 'op' | 'net' | 'param' | 'loss';

export interface GraphNode {
  id: string;
  label: string;
  kind: GraphNodeKind;
  /** Grid position: columns run left to right with the computation, rows separate branches. */
  col: number;
  row: number;
  /** Weights this block shares with other blocks of the same group (one network applied twice). */
  shared?: string;
  /** Names of the ParamSets (RunInfo.blockParameters) whose weights the block holds; 'student' also covers 'student.last'. */
  params?: readonly string[];
  /** Output shape; {name} is replaced by the config value of that knob (B = batch, F = feature width). */
  shape?: string;
  /** One line shown when the block is clicked. */
  about?: string;
}

/** flow: forward with gradient; stopgrad: forward, no gradient back (dashed); ema: a momentum copy of weights. */
export type GraphEdgeKind = 'flow' | 'stopgrad' | 'ema';

export interface GraphEdge {
  from: string;
  to: string;
  kind?: GraphEdgeKind;
  /** Step of the computation the edge belongs to (slow motion lights the edges in this order). */
  order: number;
  /** Static label; {name} is replaced by the knob's value. */
  label?: string;
  /** A live value shown on the edge: a history metric (loss, queueFill, centerNorm, …) or 'tau' (current EMA rate). */
  live?: string;
}

export interface MethodGraph {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

export interface MethodExplainer {
  /** The idea, in two sentences. */
  idea: string;
  /** The loss in TeX, rendered with KaTeX; its terms are the charted ones. */
  formula: string;
  /** What keeps the method from collapsing (or why a pretext task cannot). */
  collapse: string;
  /** Where to read more: the paper and its link. */
  paper: string;
  url: string;
}

export interface MethodInside {
  graph: MethodGraph;
  explainer: MethodExplainer;
}
