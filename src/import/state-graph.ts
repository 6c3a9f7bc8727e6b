// The transitions of one scope as a DAG. A state machine may loop (a Choice
// that jumps back to poll again); a dagc app cannot. A depth-first search
// from StartAt, taking transitions in document order, finds every transition
// that closes a loop (a back edge: to a state still on the search stack) and
// cuts it, so the rest is acyclic and one pass through each loop remains.
// The same cut is used by the importer and by the structure reduction
// (asl-structure.ts), so both see the same DAG. O(states + transitions).
import { transitionsOf, type AslScope, type AslState, type Transition } from './asl-scope.ts';

export interface ScopeGraph {
  scope: AslScope;
  /** Reachable states in topological order (ties broken by depth-first discovery order). */
  order: string[];
  /** Transitions kept: reachable, to an existing state, not closing a loop. */
  edges: Map<string, Transition[]>;
  /** Transitions cut because they close a loop. */
  cuts: Array<{ from: AslState; transition: Transition }>;
  /** Transitions to states that do not exist. */
  dangling: Array<{ from: AslState; transition: Transition }>;
  /** States no transition reaches from StartAt. */
  unreachable: AslState[];
}

export function scopeGraph(scope: AslScope): ScopeGraph {
  const edges = new Map<string, Transition[]>();
  const cuts: ScopeGraph['cuts'] = [];
  const dangling: ScopeGraph['dangling'] = [];
  const discovered: string[] = [];
  if (!scope.states.has(scope.startAt)) {
    return { scope, order: [], edges, cuts, dangling, unreachable: [...scope.states.values()] };
  }
  // Iterative DFS: 'open' while on the stack, 'done' after.
  const status = new Map<string, 'open' | 'done'>();
  const stack: Array<{ name: string; next: number; transitions: Transition[] }> = [];
  const enter = (name: string): void => {
    status.set(name, 'open');
    discovered.push(name);
    edges.set(name, []);
    stack.push({ name, next: 0, transitions: transitionsOf(scope.states.get(name)!) });
  };
  enter(scope.startAt);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.transitions.length) {
      status.set(frame.name, 'done');
      stack.pop();
      continue;
    }
    const transition = frame.transitions[frame.next++]!;
    const from = scope.states.get(frame.name)!;
    if (!scope.states.has(transition.to)) dangling.push({ from, transition });
    else if (status.get(transition.to) === 'open') cuts.push({ from, transition });
    else {
      edges.get(frame.name)!.push(transition);
      if (!status.has(transition.to)) enter(transition.to);
    }
  }
  const unreachable = [...scope.states.values()].filter((s) => !status.has(s.name));
  return { scope, order: topologicalOrder(discovered, edges), edges, cuts, dangling, unreachable };
}

/** Kahn's algorithm; among ready states the earliest discovered goes first, so the order is deterministic. */
function topologicalOrder(discovered: string[], edges: Map<string, Transition[]>): string[] {
  const rank = new Map(discovered.map((name, i) => [name, i]));
  const indegree = new Map(discovered.map((name) => [name, 0]));
  for (const list of edges.values()) for (const t of new Set(list.map((e) => e.to))) indegree.set(t, indegree.get(t)! + 1);
  const ready = discovered.filter((name) => indegree.get(name) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => rank.get(a)! - rank.get(b)!);
    const name = ready.shift()!;
    order.push(name);
    for (const t of new Set(edges.get(name)!.map((e) => e.to))) {
      indegree.set(t, indegree.get(t)! - 1);
      if (indegree.get(t) === 0) ready.push(t);
    }
  }
  return order;
}

/** Distinct successors of a state, in transition order. */
export function successorsOf(graph: ScopeGraph, name: string): string[] {
  return [...new Set((graph.edges.get(name) ?? []).map((t) => t.to))];
}
