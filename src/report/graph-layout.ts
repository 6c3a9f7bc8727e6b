// Lays the workflow out with dagre (@dagrejs/dagre), the layered (Sugiyama)
// layout made for DAGs: steps top to bottom in dependency order (left to
// right when that fits the page better, layoutForPage), crossings
// reduced, edges routed around boxes. Fusion groups are dagre clusters, so a
// group's members are placed together and the group gets its own box.
// Box sizes come from the label text at a fixed monospace advance
// (GRAPH_FONT), so the layout needs no browser and is the same everywhere;
// coordinates are rounded to 0.1 px so float noise cannot change the bytes.
// Beyond MAX_DRAWN_STEPS the graph is not drawn (dagre is superlinear and a
// picture of thousands of boxes says nothing): the page says so instead.
import dagre from '@dagrejs/dagre';
import type { Deployment } from '../ir/deployment.ts';
import type { IR } from '../ir/types.ts';
import { stepLabels, type StepLabel } from './step-labels.ts';

export const GRAPH_FONT = {
  /** Monospace, so width = characters × advance in every browser that has any monospace font. */
  family: "'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace",
  sizePx: 12,
  /** Advance of one character: 0.6 em is the advance of DejaVu Sans Mono, Menlo and Consolas alike. */
  advancePx: 7.2,
  lineHeightPx: 16,
} as const;
const BOX_PADDING_PX = 10;
export const MAX_DRAWN_STEPS = 600;

export type DataPassing = 'inline' | 's3' | 'in-process';

export interface LayoutNode {
  id: string;
  label: StepLabel;
  widthPx: number;
  heightPx: number;
}

export interface LayoutEdge {
  from: string;
  to: string;
  mode: string;
}

export interface LayoutGroup {
  id: string;
  /** "g1 · 2048 MB arm64" */
  title: string;
  steps: string[];
}

/** What dagre is given: a pure function of the emitted IR and the Deployment. */
export interface GraphLayoutInput {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  groups: LayoutGroup[];
}

export interface PositionedGraph {
  rankdir: 'TB' | 'LR';
  widthPx: number;
  heightPx: number;
  /** x, y: the box's centre. */
  nodes: Array<LayoutNode & { x: number; y: number }>;
  edges: Array<LayoutEdge & { points: Array<{ x: number; y: number }> }>;
  groups: Array<LayoutGroup & { x: number; y: number; widthPx: number; heightPx: number }>;
}

export function graphLayoutInput(ir: IR, deployment: Deployment): GraphLayoutInput {
  const nodes = stepLabels(ir, deployment).map((label) => {
    const lines = [label.id, ...label.lines];
    return {
      id: label.id,
      label,
      widthPx: Math.ceil(Math.max(...lines.map((l) => l.length)) * GRAPH_FONT.advancePx + 2 * BOX_PADDING_PX),
      heightPx: lines.length * GRAPH_FONT.lineHeightPx + 2 * BOX_PADDING_PX,
    };
  });
  const edges = nodes.flatMap((n) => n.label.inEdges.map((e) => ({ from: e.from, to: n.id, mode: e.mode })));
  edges.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
  const groups = Object.keys(deployment.groups ?? {})
    .sort()
    .map((id) => {
      const group = deployment.groups![id]!;
      return { id, title: `${id} · ${group.memoryMb} MB ${group.architecture}`, steps: [...group.steps] };
    });
  return { nodes, edges, groups };
}

/** Width of the page's graph box: wider drawings scroll sideways, which reads worse than scrolling down. */
export const PAGE_WIDTH_PX = 1136;

/**
 * Top to bottom, unless that is wider than the page and left to right is
 * narrower: a wide fan-out (a 64-leaf reduction tree) then reads by scrolling
 * down rather than sideways.
 */
export function layoutForPage(input: GraphLayoutInput): PositionedGraph {
  const topDown = layoutGraph(input, 'TB');
  if (topDown.widthPx <= PAGE_WIDTH_PX) return topDown;
  const leftRight = layoutGraph(input, 'LR');
  return leftRight.widthPx < topDown.widthPx ? leftRight : topDown;
}

export function layoutGraph(input: GraphLayoutInput, rankdir: 'TB' | 'LR' = 'TB'): PositionedGraph {
  const compound = input.groups.length > 0;
  const g = new dagre.graphlib.Graph({ directed: true, multigraph: false, compound });
  g.setGraph({ rankdir, nodesep: 24, ranksep: 36, edgesep: 12, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  // Insertion order is the input's (sorted), so dagre's ordering heuristics see the same graph every time.
  for (const group of input.groups) g.setNode(groupNodeId(group.id), { width: 0, height: 0, label: group.title });
  for (const node of input.nodes) g.setNode(node.id, { width: node.widthPx, height: node.heightPx });
  for (const group of input.groups) for (const step of group.steps) if (g.hasNode(step)) g.setParent(step, groupNodeId(group.id));
  for (const edge of input.edges) g.setEdge(edge.from, edge.to, {});
  dagre.layout(g);
  const graph = g.graph();
  return {
    rankdir,
    widthPx: round(graph.width ?? 0),
    heightPx: round(graph.height ?? 0),
    nodes: input.nodes.map((node) => {
      const placed = g.node(node.id);
      return { ...node, x: round(placed.x ?? 0), y: round(placed.y ?? 0) };
    }),
    edges: input.edges.map((edge) => ({ ...edge, points: (g.edge(edge.from, edge.to).points ?? []).map((p: { x: number; y: number }) => ({ x: round(p.x), y: round(p.y) })) })),
    groups: input.groups.map((group) => {
      const placed = g.node(groupNodeId(group.id));
      return { ...group, x: round(placed.x ?? 0), y: round(placed.y ?? 0), widthPx: round(placed.width), heightPx: round(placed.height) };
    }),
  };
}

/** Cluster nodes live in the same namespace as steps: a prefix no step id can carry keeps them apart. */
function groupNodeId(id: string): string {
  return `~group-${id}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
