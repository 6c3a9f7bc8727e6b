// What every estimate of one graph reads off its structure, computed once per
// graph object (graph-memo.ts) as flat arrays by topological position: the
// order itself, each step's predecessors in id order with the bytes each
// in-edge carries (compressed rows), each step's successors in id order (the
// first one is the edge that counts a writer's S3 PUT, s3-hops.ts), its
// largest out-edge, its dispatch tables (dispatch-kinds.ts) and whether it
// heads a later Parallel branch (parallel-branches.ts). Before it, each
// estimate asked graphlib and five per-step memos for these, step by step:
// on the scale bench's 10k-step workflow that lookup work, not the sampling,
// was most of a short estimate's time.
// Assumes a graph is not changed once built (types.ts); GraphMemo re-derives
// it for a graph whose node or edge count moved.
// Complexity: O(V + E log E) once per graph; O(1) per read.
import { GraphMemo } from '../ir/graph-memo.ts';
import { topologicalOrder } from '../ir/topological-order.ts';
import { invokesFunction, type IR, type StepNode } from '../ir/types.ts';
import { dispatchKindsOf, dispatchTablesOf, type StepTables } from './dispatch-kinds.ts';
import { parallelBranchHeads } from './parallel-branches.ts';

export interface EstimateSkeleton {
  /** Step ids in topological order; every array below is indexed by position in it. */
  order: readonly string[];
  index: ReadonlyMap<string, number>;
  nodes: readonly StepNode[];
  /** 1 for a step that runs a function (a task or a map). */
  invokes: Uint8Array;
  /** In-edges as compressed rows: step i's are predStart[i] … predStart[i + 1] − 1, predecessors in id order. */
  predStart: Int32Array;
  predFrom: Int32Array;
  predBytes: Float64Array;
  /** 1 for an in-edge that is the edge to its source's first successor by id (where a writer's PUT is counted). */
  predIsFirstOut: Uint8Array;
  /** Out-edges likewise, successors in id order (a writer's modes are read along them). */
  succStart: Int32Array;
  succTo: Int32Array;
  succBytes: Float64Array;
  /** The largest out-edge's bytes (0 without one). */
  maxOutBytes: Float64Array;
  /** The dispatch tables of each step's first and next invocations (dispatch-kinds.ts). */
  tables: readonly StepTables[];
  /** 1 for a step that starts a Parallel branch after its fork's first. */
  branchHead: Uint8Array;
}

const skeletons = new GraphMemo<EstimateSkeleton>();

export function estimateSkeleton(ir: IR): EstimateSkeleton {
  return skeletons.get(ir, '', () => buildSkeleton(ir));
}

function buildSkeleton(ir: IR): EstimateSkeleton {
  const { graph } = ir;
  const order = topologicalOrder(ir);
  const n = order.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i += 1) index.set(order[i]!, i);
  const nodes: StepNode[] = new Array(n);
  const invokes = new Uint8Array(n);
  const branchHeads = parallelBranchHeads(ir);
  const branchHead = new Uint8Array(n);
  const tables: StepTables[] = new Array(n);
  const predLists: string[][] = new Array(n);
  let inCount = 0;
  for (let i = 0; i < n; i += 1) {
    const id = order[i]!;
    const node = graph.node(id);
    nodes[i] = node;
    invokes[i] = invokesFunction(node) ? 1 : 0;
    branchHead[i] = branchHeads.has(id) ? 1 : 0;
    const preds = graph.predecessors(id) ?? [];
    predLists[i] = preds.length > 1 ? [...preds].sort() : preds;
    inCount += preds.length;
  }
  const predStart = new Int32Array(n + 1);
  const predFrom = new Int32Array(inCount);
  const predBytes = new Float64Array(inCount);
  const outDegree = new Int32Array(n);
  let e = 0;
  for (let i = 0; i < n; i += 1) {
    predStart[i] = e;
    const id = order[i]!;
    for (const pred of predLists[i]!) {
      const from = index.get(pred)!;
      predFrom[e] = from;
      predBytes[e] = graph.edge(pred, id).bytes;
      outDegree[from] = outDegree[from]! + 1;
      e += 1;
    }
  }
  predStart[n] = e;
  // Out-edges from the in-edges (each edge once, no second pass through graphlib), then each row in successor id order.
  const succStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i += 1) succStart[i + 1] = succStart[i]! + outDegree[i]!;
  const succTo = new Int32Array(e);
  const succBytes = new Float64Array(e);
  const fill = succStart.slice(0, n);
  for (let to = 0; to < n; to += 1) {
    for (let k = predStart[to]!; k < predStart[to + 1]!; k += 1) {
      const from = predFrom[k]!;
      const at = fill[from]!;
      succTo[at] = to;
      succBytes[at] = predBytes[k]!;
      fill[from] = at + 1;
    }
  }
  const maxOutBytes = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const first = succStart[i]!;
    const last = succStart[i + 1]!;
    if (last - first > 1) {
      const row = Array.from({ length: last - first }, (_, k) => ({ to: succTo[first + k]!, bytes: succBytes[first + k]! }));
      row.sort((a, b) => (order[a.to]! < order[b.to]! ? -1 : order[a.to]! > order[b.to]! ? 1 : 0));
      for (let k = 0; k < row.length; k += 1) {
        succTo[first + k] = row[k]!.to;
        succBytes[first + k] = row[k]!.bytes;
      }
    }
    let most = 0;
    for (let k = first; k < last; k += 1) if (succBytes[k]! > most) most = succBytes[k]!;
    maxOutBytes[i] = most;
  }
  // Dispatch kinds off the rows (dispatch-kinds.ts's rule): a predecessor forks when it has more than one successor and is no Choice.
  for (let i = 0; i < n; i += 1) {
    const predCount = predStart[i + 1]! - predStart[i]!;
    const only = predCount === 1 ? predFrom[predStart[i]!]! : -1;
    const onlyForks = only >= 0 && nodes[only]!.kind !== 'choice' && succStart[only + 1]! - succStart[only]! > 1;
    tables[i] = dispatchTablesOf(dispatchKindsOf(nodes[i]!.kind, predCount, only >= 0 ? nodes[only]!.kind : undefined, onlyForks));
  }
  const predIsFirstOut = new Uint8Array(e);
  for (let to = 0; to < n; to += 1) {
    for (let k = predStart[to]!; k < predStart[to + 1]!; k += 1) predIsFirstOut[k] = succTo[succStart[predFrom[k]!]!] === to ? 1 : 0;
  }
  return { order, index, nodes, invokes, predStart, predFrom, predBytes, predIsFirstOut, succStart, succTo, succBytes, maxOutBytes, tables, branchHead };
}
