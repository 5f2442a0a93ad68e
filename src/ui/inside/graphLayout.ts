import type { GraphEdge, GraphNode, MethodGraph } from '../../core/config/methods/inside/types';

/** Grid of the model graph: block size and spacing in SVG units. */
export const COL_W = 158;
export const ROW_H = 92;
export const NODE_W = 132;
export const NODE_H = 46;
const PAD = 12;

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
}

export function layout(graph: MethodGraph): { nodes: Map<string, PlacedNode>; width: number; height: number } {
  const nodes = new Map<string, PlacedNode>();
  let width = 0;
  let height = 0;
  for (const n of graph.nodes) {
    const x = PAD + n.col * COL_W;
    const y = PAD + 18 + n.row * ROW_H;
    nodes.set(n.id, { ...n, x, y });
    width = Math.max(width, x + NODE_W + PAD);
    height = Math.max(height, y + NODE_H + PAD + 14);
  }
  return { nodes, width, height };
}

/** SVG path of an edge: right side to left side along a smooth S; same column: bottom to top. */
export function edgePath(a: PlacedNode, b: PlacedNode): { d: string; mid: [number, number] } {
  if (a.col === b.col) {
    const x = a.x + NODE_W / 2;
    const [y1, y2] = a.y < b.y ? [a.y + NODE_H, b.y] : [a.y, b.y + NODE_H];
    return { d: `M${x},${y1} L${x},${y2}`, mid: [x + 4, (y1 + y2) / 2] };
  }
  const back = b.col < a.col;
  const x1 = back ? a.x : a.x + NODE_W;
  const x2 = back ? b.x + NODE_W : b.x;
  const y1 = a.y + NODE_H / 2;
  const y2 = b.y + NODE_H / 2;
  const cx = (x1 + x2) / 2;
  return { d: `M${x1},${y1} C${cx},${y1} ${cx},${y2} ${x2},${y2}`, mid: [cx, (y1 + y2) / 2 - 4] };
}

/** Highest computation order in the graph (slow motion spreads the edges over the second by it). */
export function maxOrder(edges: readonly GraphEdge[]): number {
  return edges.reduce((m, e) => Math.max(m, e.order), 1);
}
