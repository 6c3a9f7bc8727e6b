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
import { GraphMemo } from '../ir/graph-memo.ts';
import type { IR, StepNode } from '../ir/types.ts';
import { dispatchKindTables } from './dispatch-tables.ts';

export interface StepDispatchKinds {
  /** The step's first invocation. */
  first: DispatchKind | undefined;
  /** A map's invocations started after an earlier one of the same execution ended. */
  next: DispatchKind | undefined;
}

const forksMemo = new GraphMemo<boolean>();

/**
 * A step that runs its successors side by side (a Parallel's fork): more than one successor, not a Choice. Per graph
 * (graph-memo.ts): graphlib lists a node's successors afresh on every call, and a restructuring join before 10k
 * steps was listed once per step — the first estimate of the scale bench's workflow was quadratic.
 */
function forks(ir: IR, id: string): boolean {
  return forksMemo.get(ir, id, () => ir.graph.node(id).kind !== 'choice' && (ir.graph.successors(id) ?? []).length > 1);
}

export function stepDispatchKinds(ir: IR, id: string): StepDispatchKinds {
  const preds = ir.graph.predecessors(id) ?? [];
  const only = preds.length === 1 ? preds[0]! : undefined;
  return dispatchKindsOf(ir.graph.node(id).kind, preds.length, only === undefined ? undefined : ir.graph.node(only).kind, only !== undefined && forks(ir, only));
}

/**
 * The rule itself, from what it reads: the step's kind, how many predecessors it has and, when one, that one's kind
 * and whether it forks (more than one successor, not a Choice). estimate-skeleton.ts calls it with its own arrays.
 */
export function dispatchKindsOf(kind: StepNode['kind'], predCount: number, predKind: StepNode['kind'] | undefined, predForks: boolean): StepDispatchKinds {
  const branchFirst = predCount === 1 && predForks;
  if (kind === 'map') return { first: branchFirst ? undefined : 'mapFirstItem', next: 'mapNextItem' };
  if (kind !== 'task' || predCount !== 1 || branchFirst) return { first: undefined, next: undefined };
  return { first: predKind === 'task' ? 'afterTask' : predKind === 'map' ? 'afterMap' : undefined, next: undefined };
}

export type StepTables = { first: ReturnType<typeof dispatchKindTables>; next: ReturnType<typeof dispatchKindTables> };

const tablesByKinds = new Map<string, StepTables>();

/** The dispatch tables (dispatch-tables.ts) of these kinds: one shared object per pair of kinds (read only). */
export function dispatchTablesOf(kinds: StepDispatchKinds): StepTables {
  const key = `${kinds.first ?? ''}|${kinds.next ?? ''}`;
  let tables = tablesByKinds.get(key);
  if (!tables) tablesByKinds.set(key, (tables = { first: dispatchKindTables(kinds.first), next: dispatchKindTables(kinds.next) }));
  return tables;
}
