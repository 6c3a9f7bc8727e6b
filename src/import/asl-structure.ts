// The structure of a workflow over its Task states — the series / parallel /
// map / choice tree — computed two independent ways so they can be compared:
//  - aslShape(definition): straight from ASL, by structured recursion: a
//    scope is a chain of states; a Parallel is the parallel of its branches; a
//    Map wraps its body; a Choice's branches run from each outcome to the
//    Choice's immediate post-dominator (where they rejoin), then the chain
//    goes on from there. Loops are cut as state-graph.ts cuts them.
//  - irShape(ir): from the IR's series-parallel decomposition (src/ir/decompose.ts).
// The importer (dag-builder.ts) builds steps by data flow instead, so equal
// shapes mean the import kept the structure. The ASL emitter's output can be
// compared with its input the same way (aslShape on both).
//
// Both sides reduce to what a dagc app can express, and the reduction is
// written down here once:
//  - a map wraps single tasks (map(a;b) = map(a);map(b), map(a|b) =
//    map(a)|map(b), map(map(a)) = map(a)); a choice inside a map stays a choice;
//  - a choice branch that runs no task is dropped; a choice left with one
//    branch is that branch; with none, nothing;
//  - a choice branch that starts with a parallel runs that parallel's
//    branches in series (a dagc choice branch starts at one step);
//  - a choice followed by more steps takes them into each branch, and a
//    choice in a choice branch merges into it (a choice is the set of ways
//    an execution can go, wherever its branches rejoin);
//  - parallel children and choice branches are compared as sets (sorted).
// Probabilities and which Tasks run which functions are not part of the shape.
import { decompose } from '../ir/decompose.ts';
import type { SpTree } from '../ir/sp-tree.ts';
import type { IR } from '../ir/types.ts';
import { branchesOf, mapBodyOf, readScope, type AslState } from './asl-scope.ts';
import type { JsonPath } from './json-path.ts';
import { scopeGraph, successorsOf, type ScopeGraph } from './state-graph.ts';

export type Shape =
  | { kind: 'task'; label: string; map: boolean }
  | { kind: 'series'; children: Shape[] }
  | { kind: 'parallel'; children: Shape[] }
  | { kind: 'choice'; branches: Shape[] };

const EMPTY: Shape = { kind: 'series', children: [] };
const EXIT = '\u0000exit';

/** The canonical shape of an ASL definition; Task leaves are labelled with their state names. */
export function aslShape(definition: unknown): Shape {
  return canonical(scopeShape(definition, []));
}

/** The canonical shape of an IR, or undefined when it is not series-parallel. `label` maps a step id to a leaf label. */
export function irShape(ir: IR, label: (stepId: string) => string = (id) => id): Shape | undefined {
  const result = decompose(ir);
  if (!result.ok) return undefined;
  return canonical(fromSpTree(result.tree, ir, label));
}

/** A stable text form: "a" task, "map(a)", "[a ; b]" series, "(a | b)" parallel, "{a / b}" choice. */
export function formatShape(shape: Shape): string {
  switch (shape.kind) {
    case 'task':
      return shape.map ? `map(${JSON.stringify(shape.label)})` : JSON.stringify(shape.label);
    case 'series':
      return `[${shape.children.map(formatShape).join(' ; ')}]`;
    case 'parallel':
      return `(${shape.children.map(formatShape).join(' | ')})`;
    case 'choice':
      return `{${shape.branches.map(formatShape).join(' / ')}}`;
  }
}

export function sameShape(a: Shape, b: Shape): boolean {
  return formatShape(canonical(a)) === formatShape(canonical(b));
}

/** Renames leaves (e.g. to compare an emitted definition, whose state names differ, with its source). */
export function relabel(shape: Shape, rename: (label: string) => string): Shape {
  switch (shape.kind) {
    case 'task':
      return { ...shape, label: rename(shape.label) };
    case 'series':
    case 'parallel':
      return { kind: shape.kind, children: shape.children.map((c) => relabel(c, rename)) };
    case 'choice':
      return { kind: 'choice', branches: shape.branches.map((b) => relabel(b, rename)) };
  }
}

function scopeShape(raw: unknown, path: JsonPath): Shape {
  const read = readScope(raw, path);
  if (!read.ok) return EMPTY;
  const graph = scopeGraph(read.scope);
  if (graph.order.length === 0) return EMPTY;
  const ipdom = immediatePostDominators(graph);
  return walk(graph, ipdom, read.scope.startAt, EXIT);
}

/** The chain of states from `from` up to (not including) `until`. */
function walk(graph: ScopeGraph, ipdom: Map<string, string>, from: string, until: string): Shape {
  const parts: Shape[] = [];
  let current: string | undefined = from;
  while (current !== undefined && current !== until && current !== EXIT) {
    const state = graph.scope.states.get(current)!;
    if (state.type === 'Choice') {
      const join: string = ipdom.get(current)!;
      parts.push(choiceOf(successorsOf(graph, current).map((to) => walk(graph, ipdom, to, join)), true));
      current = join;
      continue;
    }
    if (state.type === 'Task') parts.push({ kind: 'task', label: state.name, map: false });
    else if (state.type === 'Parallel') parts.push({ kind: 'parallel', children: branchesOf(state).map((b) => scopeShape(b.raw, b.path)) });
    else if (state.type === 'Map') {
      const body = mapBodyOf(state);
      if (body) parts.push(inMap(scopeShape(body.raw, body.path)));
    }
    if (state.type === 'Fail' || alwaysFails(state)) break;
    current = successorsOf(graph, current)[0];
  }
  return { kind: 'series', children: parts };
}

/**
 * Branches that run no task drop out; a choice needs two. From ASL, each kept
 * branch is made to start at one step (`serialize`); an IR's branches already do.
 */
function choiceOf(branches: Shape[], serialize: boolean): Shape {
  const kept = branches.filter((b) => !isEmpty(clean(b)));
  if (kept.length === 0) return EMPTY;
  if (kept.length === 1) return clean(kept[0]!);
  // Serialized before cleaning: cleaning flattens nested parallels, and only the head one runs in series.
  return { kind: 'choice', branches: kept.map((b) => clean(serialize ? serializeHead(b) : b)) };
}

/** The first group of a branch, if a parallel, becomes the series of its (non-empty) members, recursively at its head. */
function serializeHead(shape: Shape): Shape {
  if (shape.kind !== 'parallel' && shape.kind !== 'series') return shape;
  const members = shape.children.filter((c) => !isEmpty(clean(c)));
  if (members.length === 0) return EMPTY;
  return { kind: 'series', children: [serializeHead(members[0]!), ...members.slice(1)] };
}

function inMap(shape: Shape): Shape {
  switch (shape.kind) {
    case 'task':
      return { ...shape, map: true };
    case 'series':
    case 'parallel':
      return { kind: shape.kind, children: shape.children.map(inMap) };
    case 'choice':
      return { kind: 'choice', branches: shape.branches.map(inMap) };
  }
}

/** Drops empty parts, flattens nested series (and parallels), unwraps one-child groups. Keeps order. */
function clean(shape: Shape): Shape {
  if (shape.kind === 'task') return shape;
  if (shape.kind === 'choice') return choiceOf(shape.branches, false);
  const children = shape.children
    .map(clean)
    .filter((c) => !isEmpty(c))
    .flatMap((c) => (c.kind === shape.kind ? (c as { children: Shape[] }).children : [c]));
  if (children.length === 0) return EMPTY;
  if (children.length === 1) return children[0]!;
  return { kind: shape.kind, children };
}

/**
 * clean; then a choice followed by more steps takes them into each branch
 * ([{a / b} ; c] = {[a ; c] / [b ; c]}: exactly one branch runs, then c), a
 * choice inside a choice branch merges into it, and parallel children and
 * choice branches are sorted by their text. So a choice's shape is the set of
 * ways an execution can go, which does not depend on where branches rejoin:
 * a definition whose failing branch never rejoins and the app that joins the
 * others early compare equal. Exponential in the number of choices in a row.
 */
function canonical(shape: Shape): Shape {
  const cleaned = clean(shape);
  switch (cleaned.kind) {
    case 'task':
      return cleaned;
    case 'series': {
      const children = cleaned.children.map(canonical);
      const at = children.findIndex((c) => c.kind === 'choice');
      if (at >= 0 && at < children.length - 1) {
        const choice = children[at] as Extract<Shape, { kind: 'choice' }>;
        const rest = children.slice(at + 1);
        const distributed: Shape = { kind: 'choice', branches: choice.branches.map((b) => ({ kind: 'series', children: [b, ...rest] })) };
        return canonical({ kind: 'series', children: [...children.slice(0, at), distributed] });
      }
      return clean({ kind: 'series', children });
    }
    case 'parallel':
      return { kind: 'parallel', children: sortByText(cleaned.children.map(canonical)) };
    case 'choice': {
      const branches = cleaned.branches.map(canonical).flatMap((b) => (b.kind === 'choice' ? b.branches : [b]));
      return { kind: 'choice', branches: sortByText(branches) };
    }
  }
}

function sortByText(shapes: Shape[]): Shape[] {
  return shapes.map((s) => [formatShape(s), s] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

function isEmpty(shape: Shape): boolean {
  return (shape.kind === 'series' || shape.kind === 'parallel') && shape.children.length === 0;
}

/**
 * Immediate post-dominator of every state, over the scope's DAG with one
 * virtual exit after every state that has no way on (End, Succeed, Fail, a
 * cut loop) — except Choice outcomes that are dead (deadOutcomes): the
 * importer drops what flows into them, so they must not keep the other
 * branches from rejoining. Post-dominator sets by reverse topological order;
 * they form a chain, so the immediate one is the member with the largest set.
 * O(n²) for n states.
 */
function immediatePostDominators(graph: ScopeGraph): Map<string, string> {
  const dead = deadOutcomes(graph);
  const pdom = new Map<string, Set<string>>([[EXIT, new Set([EXIT])]]);
  const live = (name: string): string[] => (alwaysFails(graph.scope.states.get(name)!) ? [] : successorsOf(graph, name).filter((to) => !dead.has(`${name}\u0000${to}`)));
  for (const name of [...graph.order].reverse()) {
    const successors = live(name);
    const sets = (successors.length > 0 ? successors : [EXIT]).map((s) => pdom.get(s)!);
    const common = new Set([...sets[0]!].filter((x) => sets.every((set) => set.has(x))));
    common.add(name);
    pdom.set(name, common);
  }
  const ipdom = new Map<string, string>();
  for (const name of graph.order) {
    const candidates = [...pdom.get(name)!].filter((x) => x !== name);
    ipdom.set(name, candidates.reduce((best, x) => (pdom.get(x)!.size > pdom.get(best)!.size ? x : best)));
  }
  return ipdom;
}

/**
 * Choice outcomes ("choice\0target") from which every path dies — reaches a
 * Fail or a cut loop — before any Task runs or the scope ends normally. The
 * importer's flow dies there, so such an outcome is no branch at all.
 */
function deadOutcomes(graph: ScopeGraph): Set<string> {
  const memo = new Map<string, boolean>();
  const dies = (name: string): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, false); // the graph is acyclic; this only guards re-entry
    const state = graph.scope.states.get(name)!;
    const successors = successorsOf(graph, name);
    let result: boolean;
    if (state.type === 'Fail') result = true;
    else if (runsTasks(state)) result = false;
    else if (successors.length === 0) result = !(state.type === 'Succeed' || state.raw.End === true || graph.dangling.some((d) => d.from.name === name));
    else result = successors.every(dies);
    memo.set(name, result);
    return result;
  };
  const dead = new Set<string>();
  for (const name of graph.order) {
    if (graph.scope.states.get(name)!.type !== 'Choice') continue;
    for (const to of successorsOf(graph, name)) if (dies(to)) dead.add(`${name}\u0000${to}`);
  }
  return dead;
}

/** A Parallel with a branch, or a Map whose body, fails on every path: nothing after it runs. */
function alwaysFails(state: AslState): boolean {
  if (state.type === 'Parallel') return branchesOf(state).some((b) => scopeFails(b.raw, b.path));
  if (state.type === 'Map') {
    const body = mapBodyOf(state);
    return body !== undefined && scopeFails(body.raw, body.path);
  }
  return false;
}

/** Every path from StartAt dies (a Fail, a cut loop, a state that always fails) before the scope ends. */
function scopeFails(raw: unknown, path: JsonPath): boolean {
  const read = readScope(raw, path);
  if (!read.ok) return false;
  const graph = scopeGraph(read.scope);
  if (graph.order.length === 0) return false;
  const fails = new Map<string, boolean>();
  for (const name of [...graph.order].reverse()) {
    const state = read.scope.states.get(name)!;
    const successors = successorsOf(graph, name);
    let result: boolean;
    if (state.type === 'Fail' || alwaysFails(state)) result = true;
    else if (successors.length === 0) result = !(state.type === 'Succeed' || state.raw.End === true || graph.dangling.some((d) => d.from.name === name));
    else result = successors.every((s) => fails.get(s)!);
    fails.set(name, result);
  }
  return fails.get(read.scope.startAt)!;
}

/** A Task, or a Parallel or Map with a Task anywhere inside. */
function runsTasks(state: AslState): boolean {
  if (state.type === 'Task') return true;
  if (state.type !== 'Parallel' && state.type !== 'Map') return false;
  const hasTask = (value: unknown): boolean =>
    Array.isArray(value) ? value.some(hasTask) : value !== null && typeof value === 'object' && ((value as Record<string, unknown>).Type === 'Task' || Object.values(value).some(hasTask));
  return hasTask(state.type === 'Map' ? (mapBodyOf(state)?.raw ?? null) : state.raw.Branches);
}

function fromSpTree(tree: SpTree, ir: IR, label: (stepId: string) => string): Shape {
  switch (tree.kind) {
    case 'leaf': {
      const node = ir.graph.node(tree.step);
      if (node.kind === 'task') return { kind: 'task', label: label(tree.step), map: false };
      if (node.kind === 'map') return { kind: 'task', label: label(tree.step), map: true };
      return EMPTY; // a choice step or a join runs no function
    }
    case 'series':
    case 'parallel':
      return { kind: tree.kind, children: tree.children.map((c) => fromSpTree(c, ir, label)) };
    case 'choice':
      return choiceOf(tree.branches.map((b) => (b.tree ? fromSpTree(b.tree, ir, label) : EMPTY)), false);
  }
}
