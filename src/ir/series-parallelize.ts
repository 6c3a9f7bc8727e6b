// Restructures a DAG that is not series-parallel into one that is, because
// Step Functions can only emit series-parallel structure (Parallel states join
// all their branches; there is no "start d when b alone is done").
//
// Method: stage by longest-path depth (number of steps on the longest chain
// of needs ending at a step) and put a join step between consecutive stages:
// every step of stage k − 1 → join k → every step of stage k. That is a
// series of Parallel states, series-parallel by construction, and it keeps
// every original dependency (each goes from a lower stage to a higher one, so
// through the joins between). The cost is waiting: a step may now wait for an
// unrelated slow step of the previous stage; criticalPathMs measures it.
// Data: the original edges are replaced by the hops through the joins. A
// step's hop into the join carries what it hands on (its largest original
// out-edge, 0 for a step nothing reads); a join's hop into a step carries
// everything that step reads (the sum of its original in-edges), since in
// Step Functions a branch's result goes back to its Parallel state and the
// next state's branch is handed its inputs from there.
// Size: V + (stages − 1) joins and at most 2V edges, O(V + E) time. (Complete
// bipartite edges between stages, the previous method, were quadratic in a
// stage's width: 2.4 M edges for a 10k-step workflow.)
// SP inputs come back unchanged (same object). The reduction (decompose) is
// skipped when an N between adjacent depths already proves the DAG is not SP.
import { Graph } from '@dagrejs/graphlib';
import { criticalPathLengthMs } from './critical-path.ts';
import { decompose } from './decompose.ts';
import { topologicalOrder } from './topological-order.ts';
import type { SpTree } from './sp-tree.ts';
import { JOIN_PREFIX, type EdgeData, type IR, type JoinNode, type StepNode } from './types.ts';

/** A join the restructuring added: it waits for every step of `after` and releases every step of `before`. */
export interface JoinInfo {
  id: string;
  after: string[];
  before: string[];
}

export interface Restructured {
  ir: IR;
  tree: SpTree;
  /** Empty when the DAG was series-parallel already. */
  joins: JoinInfo[];
}

export function toSeriesParallel(ir: IR): Restructured {
  const depth = longestDepths(ir);
  // A cheap proof that the DAG is not series-parallel spares the reduction (a third of the pass on a 10k-step DAG).
  if (!hasAdjacentN(ir, depth)) {
    const direct = decompose(ir);
    if (direct.ok) return { ir, tree: direct.tree, joins: [] };
  }

  const stages: string[][] = [];
  for (const id of [...ir.graph.nodes()].sort()) (stages[depth.get(id)!] ??= []).push(id);

  const graph = new Graph<undefined, StepNode, EdgeData>({ directed: true });
  for (const id of ir.graph.nodes()) graph.setNode(id, ir.graph.node(id));
  const joins: JoinInfo[] = [];
  for (let k = 1; k < stages.length; k += 1) {
    const join: JoinNode = { kind: 'join', id: `${JOIN_PREFIX}${k}`, outputBytes: 0 };
    graph.setNode(join.id, join);
    for (const from of stages[k - 1]!) graph.setEdge(from, join.id, { bytes: handedOnBytes(ir, from) });
    for (const to of stages[k]!) graph.setEdge(join.id, to, { bytes: readBytes(ir, to) });
    joins.push({ id: join.id, after: stages[k - 1]!, before: stages[k]! });
  }
  // The staged DAG's decomposition is known without reducing it again: a series of stages, each a parallel of its steps.
  return { ir: { ...ir, graph }, tree: stagedTree(stages), joins };
}

/** Series of stages, each the parallel of its (sorted) steps: what decompose gives for the staged DAG, in its normal form. */
function stagedTree(stages: string[][]): SpTree {
  const parts: SpTree[] = stages.map((steps) => (steps.length === 1 ? { kind: 'leaf', step: steps[0]! } : { kind: 'parallel', children: steps.map((step) => ({ kind: 'leaf', step })) }));
  return parts.length === 1 ? parts[0]! : { kind: 'series', children: parts };
}

function handedOnBytes(ir: IR, step: string): number {
  let bytes = 0;
  for (const e of ir.graph.outEdges(step) ?? []) bytes = Math.max(bytes, ir.graph.edge(e).bytes);
  return bytes;
}

function readBytes(ir: IR, step: string): number {
  let bytes = 0;
  for (const e of ir.graph.inEdges(step) ?? []) bytes += ir.graph.edge(e).bytes;
  return bytes;
}

/**
 * Whether the DAG holds an N between adjacent depths: a → c, a → d, b → d and no b → c, with a, b at one
 * depth and c, d at the next. Steps of one depth are unordered, and from depth k to k + 1 the only path is
 * an edge, so the four steps order exactly as an N — which no series-parallel order contains, so decompose
 * would fail. Found when some step's successors one depth down differ in their predecessors one depth up.
 * A false answer proves nothing. O(V + E) plus sorting each step's predecessors.
 */
export function hasAdjacentN(ir: IR, depth: ReadonlyMap<string, number>): boolean {
  const upKey = new Map<string, string>();
  const keyOf = (id: string): string => {
    let key = upKey.get(id);
    if (key === undefined) {
      const d = depth.get(id)!;
      key = (ir.graph.predecessors(id) ?? []).filter((p) => depth.get(p) === d - 1).sort().join('\u0000');
      upKey.set(id, key);
    }
    return key;
  };
  for (const a of ir.graph.nodes()) {
    const d = depth.get(a)! + 1;
    let first: string | undefined;
    for (const c of ir.graph.successors(a) ?? []) {
      if (depth.get(c) !== d) continue;
      const key = keyOf(c);
      if (first === undefined) first = key;
      else if (key !== first) return true;
    }
  }
  return false;
}

/** Longest chain of needs ending at each step (entries are 0). O(V + E). */
export function longestDepths(ir: IR): Map<string, number> {
  const depth = new Map<string, number>();
  for (const id of topologicalOrder(ir)) {
    let d = 0;
    for (const p of ir.graph.predecessors(id) ?? []) d = Math.max(d, depth.get(p)! + 1);
    depth.set(id, d);
  }
  return depth;
}

/** Length of the longest path, summing each step's latency: how restructuring stretches the workflow. */
export function criticalPathMs(ir: IR, latencyOf: (step: string) => number): number {
  return criticalPathLengthMs(ir, latencyOf);
}
