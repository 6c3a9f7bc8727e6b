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
//  - parallel children and choice branches are compared as sets (sorted).
// Probabilities and which Tasks run which functions are not part of the shape.
import { decompose } from '../ir/decompose.ts';
import type { SpTree } from '../ir/sp-tree.ts';
import type { IR } from '../ir/types.ts';
import { branchesOf, mapBodyOf, readScope } from './asl-scope.ts';
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
    if (state.type === 'Fail') break;
    current = successorsOf(graph, current)[0];
  }
  return { kind: 'series', children: parts };
}

/**
 * Branches that run no task drop out; a choice needs two. From ASL, each kept
 * branch is made to start at one step (`serialize`); an IR's branches already do.
 */
function choiceOf(branches: Shape[], serialize: boolean): Shape {
  const kept = branches.map(clean).filter((b) => !isEmpty(b));
  if (kept.length === 0) return EMPTY;
  if (kept.length === 1) return kept[0]!;
  return { kind: 'choice', branches: serialize ? kept.map(serializeHead) : kept };
}

function serializeHead(shape: Shape): Shape {
  if (shape.kind === 'parallel') return clean({ kind: 'series', children: [serializeHead(shape.children[0]!), ...shape.children.slice(1)] });
  if (shape.kind === 'series') return clean({ kind: 'series', children: [serializeHead(shape.children[0]!), ...shape.children.slice(1)] });
  return shape;
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

/** clean, then parallel children and choice branches sorted by their text. */
function canonical(shape: Shape): Shape {
  const cleaned = clean(shape);
  switch (cleaned.kind) {
    case 'task':
      return cleaned;
    case 'series':
      return { kind: 'series', children: cleaned.children.map(canonical) };
    case 'parallel':
      return { kind: 'parallel', children: sortByText(cleaned.children.map(canonical)) };
    case 'choice':
      return { kind: 'choice', branches: sortByText(cleaned.branches.map(canonical)) };
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
 * cut loop). Post-dominator sets by reverse topological order; they form a
 * chain, so the immediate one is the member with the largest set. O(n²) for n states.
 */
function immediatePostDominators(graph: ScopeGraph): Map<string, string> {
  const pdom = new Map<string, Set<string>>([[EXIT, new Set([EXIT])]]);
  for (const name of [...graph.order].reverse()) {
    const successors = successorsOf(graph, name);
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
