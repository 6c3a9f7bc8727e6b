// Which kind of Task dispatch (DispatchKind, src/model/calibration.ts) a
// step's invocations start after, read off the workflow's structure the way
// src/calibrate/trace-gaps.ts reads it off a trace, so that a calibration's
// per-kind fit is drawn where it was measured:
// - a task whose one predecessor is a task: afterTask; a map: afterMap;
// - a map's first item: mapFirstItem (whatever came before: the Map state's
//   own start and its iteration's are what sets it apart); its items started
//   when a slot frees (a loop's later iterations, later waves): mapNextItem;
// - none (the pooled Task dispatch) for a Parallel branch's first step (its
//   predecessor forks: the dispatch crosses the Parallel state), a step after
//   a Parallel (several predecessors, or a restructuring join) or after a
//   Choice, and an entry task (dispatched from the execution's start, which no
//   trace measures).
// Complexity: O(degree) per step.
import type { DispatchKind } from '../model/calibration.ts';
import type { IR } from '../ir/types.ts';
import { dispatchKindTables } from './dispatch-tables.ts';

export interface StepDispatchKinds {
  /** The step's first invocation. */
  first: DispatchKind | undefined;
  /** A map's invocations started after an earlier one of the same execution ended. */
  next: DispatchKind | undefined;
}

/** A step that runs its successors side by side (a Parallel's fork): more than one successor, not a Choice. */
function forks(ir: IR, id: string, known?: Map<string, boolean>): boolean {
  let fork = known?.get(id);
  if (fork === undefined) {
    // graphlib lists a node's successors afresh on every call: a restructuring join before 10k steps would be
    // listed once per step (quadratic) without the caller's memo.
    fork = ir.graph.node(id).kind !== 'choice' && (ir.graph.successors(id) ?? []).length > 1;
    known?.set(id, fork);
  }
  return fork;
}

export function stepDispatchKinds(ir: IR, id: string, knownForks?: Map<string, boolean>): StepDispatchKinds {
  const node = ir.graph.node(id);
  const preds = ir.graph.predecessors(id) ?? [];
  const branchFirst = preds.length === 1 && forks(ir, preds[0]!, knownForks);
  if (node.kind === 'map') return { first: branchFirst ? undefined : 'mapFirstItem', next: 'mapNextItem' };
  if (node.kind !== 'task' || preds.length !== 1 || branchFirst) return { first: undefined, next: undefined };
  const before = ir.graph.node(preds[0]!).kind;
  return { first: before === 'task' ? 'afterTask' : before === 'map' ? 'afterMap' : undefined, next: undefined };
}

type StepTables = { first: ReturnType<typeof dispatchKindTables>; next: ReturnType<typeof dispatchKindTables> };

/**
 * Per graph: every estimate of a graph asks for every step's tables, and they depend on the graph alone (a 10k-step
 * workflow's search plans 10k steps per estimate). Graphs are not changed once built (ir/types.ts); the counts are
 * checked as topological-order.ts does, for graphs still growing.
 */
const tablesByGraph = new WeakMap<object, { nodes: number; edges: number; tables: Map<string, StepTables>; forks: Map<string, boolean> }>();

/** The dispatch tables (dispatch-tables.ts) a step's first and next invocations draw from. */
export function stepDispatchTables(ir: IR, id: string): StepTables {
  const { graph } = ir;
  let cached = tablesByGraph.get(graph);
  if (!cached || cached.nodes !== graph.nodeCount() || cached.edges !== graph.edgeCount()) {
    tablesByGraph.set(graph, (cached = { nodes: graph.nodeCount(), edges: graph.edgeCount(), tables: new Map(), forks: new Map() }));
  }
  let tables = cached.tables.get(id);
  if (!tables) {
    const kinds = stepDispatchKinds(ir, id, cached.forks);
    tables = { first: dispatchKindTables(kinds.first), next: dispatchKindTables(kinds.next) };
    cached.tables.set(id, tables);
  }
  return tables;
}
