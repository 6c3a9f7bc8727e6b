// Restructures a DAG that is not series-parallel into one that is, because
// Step Functions can only emit series-parallel structure (Parallel states join
// all their branches; there is no "start d when b alone is done").
//
// Method: stage by longest-path depth (number of steps on the longest chain
// of needs ending at a step) and make every step of stage k wait for every
// step of stage k − 1: a series of parallel stages, which is series-parallel
// by construction and keeps every original dependency (each goes from a lower
// stage to a higher one). The cost is waiting: a step may now wait for an
// unrelated slow step of the previous stage; criticalPathMs measures it.
// Added edges: Σ |stage k−1| · |stage k| in the worst case (quadratic in the
// width of a stage) — fine for the tiled kernels that are not SP in practice;
// a region-local restructuring is the known improvement.
// SP inputs come back unchanged (same object).
import { Graph } from '@dagrejs/graphlib';
import { criticalPath } from './critical-path.ts';
import { decompose } from './decompose.ts';
import { topologicalOrder } from './topological-order.ts';
import type { SpTree } from './sp-tree.ts';
import type { EdgeData, IR, StepNode } from './types.ts';

export interface Restructured {
  ir: IR;
  tree: SpTree;
  addedEdges: Array<{ from: string; to: string }>;
}

export function toSeriesParallel(ir: IR): Restructured {
  const direct = decompose(ir);
  if (direct.ok) return { ir, tree: direct.tree, addedEdges: [] };

  const depth = longestDepths(ir);
  const stages: string[][] = [];
  for (const id of [...ir.graph.nodes()].sort()) (stages[depth.get(id)!] ??= []).push(id);

  const graph = new Graph<undefined, StepNode, EdgeData>({ directed: true });
  for (const id of ir.graph.nodes()) graph.setNode(id, ir.graph.node(id));
  for (const edge of ir.graph.edges()) graph.setEdge(edge.v, edge.w, ir.graph.edge(edge));
  const addedEdges: Array<{ from: string; to: string }> = [];
  for (let k = 1; k < stages.length; k += 1) {
    for (const from of stages[k - 1]!) {
      for (const to of stages[k]!) {
        if (!graph.hasEdge(from, to)) {
          graph.setEdge(from, to, { bytes: 0 });
          addedEdges.push({ from, to });
        }
      }
    }
  }
  const restructured: IR = { ...ir, graph };
  const result = decompose(restructured);
  if (!result.ok) throw new Error('staged DAG is not series-parallel: a bug in toSeriesParallel');
  return { ir: restructured, tree: result.tree, addedEdges };
}

/** Longest chain of needs ending at each step (entries are 0). O(V + E). */
function longestDepths(ir: IR): Map<string, number> {
  const depth = new Map<string, number>();
  for (const id of topologicalOrder(ir)) {
    const preds = ir.graph.predecessors(id) ?? [];
    depth.set(id, preds.length === 0 ? 0 : Math.max(...preds.map((p) => depth.get(p)! + 1)));
  }
  return depth;
}

/** Length of the longest path, summing each step's latency: how restructuring stretches the workflow. */
export function criticalPathMs(ir: IR, latencyOf: (step: string) => number): number {
  return criticalPath(ir, latencyOf).lengthMs;
}
