// Series-parallel decomposition of the workflow DAG.
//
// Method: two-terminal reduction. A virtual source feeds every entry step and
// every exit step feeds a virtual sink. Each edge carries the tree of steps
// strictly between its ends (initially none). Then, from a worklist:
//  - series: a step with one predecessor and one successor folds into the
//    edge between them (tree = before ; step ; after);
//  - parallel: two edges between the same ends merge (tree = a | b, or a
//    Choice when the source is a choice step; an empty side is a transitive
//    edge and vanishes);
//  - join: when the worklist runs dry, a group of ≥ 2 steps with the same
//    ≥ 2 predecessors, all reached by empty edges, gets a virtual join node
//    (A → J → B), which is how Step Functions sequences one Parallel state
//    after another. It keeps precedence exactly;
//  - transitive edges: when still stuck, empty edges implied by another path
//    are dropped (a DFS each, on the remainder only, capped in size).
// The DAG is series-parallel when one edge source → sink remains; its tree is
// the decomposition. Otherwise the edges that remain between real steps are
// reported: the irreducible core (each an original edge or a folded path).
// Cost: every reduction removes a node or an edge, and each is O(1) map work,
// so O(V + E) plus the join search, O(V + E) per round with few rounds in
// practice.
import type { IR } from './types.ts';
import { stepsOf, type SpTree } from './sp-tree.ts';

export type Decomposition = { ok: true; tree: SpTree } | { ok: false; offendingEdges: Array<{ from: string; to: string }> };

const SOURCE = '\u0000source';
const SINK = '\u0000sink';
const VIRTUAL_PREFIX = '\u0000';
/** Past this many remaining edges the quadratic transitive-edge check is skipped and the DAG reported as not series-parallel. */
const TRANSITIVE_CHECK_LIMIT = 4000;

type Tree = SpTree | null;

export function decompose(ir: IR): Decomposition {
  const reducer = new Reducer(ir);
  return reducer.run();
}

class Reducer {
  private readonly succ = new Map<string, Map<string, Tree>>();
  private readonly pred = new Map<string, Set<string>>();
  private readonly choiceProbabilities = new Map<string, Record<string, number>>();
  private joinCount = 0;

  constructor(private readonly ir: IR) {
    const ids = [...ir.graph.nodes()].sort();
    for (const id of [SOURCE, SINK, ...ids]) {
      this.succ.set(id, new Map());
      this.pred.set(id, new Set());
    }
    for (const id of ids) {
      const node = ir.graph.node(id);
      if (node.kind === 'choice') this.choiceProbabilities.set(id, node.branchProbabilities);
      // graphlib returns an array for every node of the graph (undefined only for an unknown id).
      const preds = ir.graph.predecessors(id)!;
      const succs = ir.graph.successors(id)!;
      if (preds.length === 0) this.addEdge(SOURCE, id, null);
      if (succs.length === 0) this.addEdge(id, SINK, null);
    }
    // Sorted by "from\0to", each key built once (not twice per comparison).
    const edges = ir.graph.edges().map((e) => ({ key: `${e.v}\0${e.w}`, v: e.v, w: e.w }));
    edges.sort((a, b) => (a.key < b.key ? -1 : 1));
    for (const edge of edges) this.addEdge(edge.v, edge.w, null);
  }

  run(): Decomposition {
    const queue = [...this.succ.keys()].filter((id) => id !== SOURCE && id !== SINK);
    for (;;) {
      while (queue.length > 0) {
        const id = queue.pop()!;
        const folded = this.trySeries(id);
        if (folded) queue.push(...folded);
      }
      if (this.isReduced()) {
        const tree = this.succ.get(SOURCE)!.get(SINK) ?? null;
        return { ok: true, tree: normalize(tree ?? { kind: 'series', children: [] }) };
      }
      const touched = this.insertJoin() ?? this.dropTransitiveEdges();
      if (!touched) break;
      queue.push(...touched);
    }
    const offendingEdges: Array<{ from: string; to: string }> = [];
    for (const [from, targets] of this.succ) {
      if (from.startsWith(VIRTUAL_PREFIX)) continue;
      for (const to of targets.keys()) if (!to.startsWith(VIRTUAL_PREFIX)) offendingEdges.push({ from, to });
    }
    offendingEdges.sort((a, b) => (a.from === b.from ? (a.to < b.to ? -1 : 1) : a.from < b.from ? -1 : 1));
    return { ok: false, offendingEdges };
  }

  private isReduced(): boolean {
    return this.succ.size === 2 && this.succ.get(SOURCE)!.size === 1 && this.succ.get(SOURCE)!.has(SINK);
  }

  /** Folds id into the edge between its only predecessor and only successor; returns the ends to revisit. */
  private trySeries(id: string): string[] | undefined {
    const outs = this.succ.get(id);
    const ins = this.pred.get(id);
    if (!outs || !ins || ins.size !== 1 || outs.size !== 1) return undefined;
    const [from] = ins;
    const [to, after] = [...outs][0]!;
    const before = this.succ.get(from!)!.get(id) ?? null;
    // Virtual joins, and the IR's own join steps (restructuring's stage boundaries), run nothing: no leaf.
    const self: Tree = id.startsWith(VIRTUAL_PREFIX) || this.ir.graph.node(id).kind === 'join' ? null : { kind: 'leaf', step: id };
    this.removeNode(id);
    this.addEdge(from!, to, seriesOf([before, self, after ?? null]));
    return [from!, to];
  }

  /** Adds an edge, merging with an existing one between the same ends. */
  private addEdge(from: string, to: string, tree: Tree): void {
    const targets = this.succ.get(from)!;
    if (targets.has(to)) {
      targets.set(to, this.mergeParallel(from, to, targets.get(to) ?? null, tree));
    } else {
      targets.set(to, tree);
      this.pred.get(to)!.add(from);
    }
  }

  private mergeParallel(from: string, to: string, a: Tree, b: Tree): Tree {
    const probabilities = this.choiceProbabilities.get(from);
    if (probabilities) return choiceOf(from, to, probabilities, this.ir, a, b);
    if (a === null) return b;
    if (b === null) return a;
    return { kind: 'parallel', children: [...flat(a, 'parallel'), ...flat(b, 'parallel')] };
  }

  private removeNode(id: string): void {
    for (const to of this.succ.get(id)!.keys()) this.pred.get(to)!.delete(id);
    for (const from of this.pred.get(id)!) this.succ.get(from)!.delete(id);
    this.succ.delete(id);
    this.pred.delete(id);
  }

  /**
   * Removes empty edges implied by another path (a transitive edge blocks the
   * series fold of the nodes on that path). Only run on the remainder, when
   * nothing else applies; each check is a DFS, so the remainder is capped.
   */
  private dropTransitiveEdges(): string[] | undefined {
    const edges: Array<[string, string]> = [];
    for (const [from, targets] of this.succ) for (const [to, tree] of targets) if (tree === null) edges.push([from, to]);
    if (edges.length > TRANSITIVE_CHECK_LIMIT) return undefined;
    const redundant = edges.filter(([from, to]) => this.reachableAvoiding(from, to));
    for (const [from, to] of redundant) {
      this.succ.get(from)!.delete(to);
      this.pred.get(to)!.delete(from);
    }
    return redundant.length > 0 ? redundant.flat() : undefined;
  }

  /** Is `to` reachable from `from` other than by the direct edge? */
  private reachableAvoiding(from: string, to: string): boolean {
    const stack = [...this.succ.get(from)!.keys()].filter((id) => id !== to);
    const seen = new Set<string>(stack);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === to) return true;
      for (const next of this.succ.get(id)!.keys()) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return false;
  }

  /**
   * Finds every group of ≥ 2 nodes sharing the same ≥ 2 predecessors over
   * empty edges and puts a join between each. Groups are disjoint (a node's
   * group is its predecessor set) and a join only rewires its own members'
   * in-edges, so one scan serves them all: one round per layer of joins, not
   * one per join (which was quadratic on wide non-SP DAGs).
   */
  private insertJoin(): string[] | undefined {
    const groups = new Map<string, string[]>();
    for (const [id, preds] of this.pred) {
      if (preds.size < 2 || id === SINK) continue;
      const sorted = [...preds].sort();
      if (sorted.some((p) => this.succ.get(p)!.get(id) !== null || this.choiceProbabilities.has(p))) continue;
      const key = sorted.join('\u0001');
      groups.set(key, [...(groups.get(key) ?? []), id]);
    }
    const touched: string[] = [];
    for (const key of [...groups.keys()].sort()) {
      const members = groups.get(key)!;
      if (members.length < 2) continue;
      const preds = key.split('\u0001');
      const join = `${VIRTUAL_PREFIX}join${this.joinCount++}`;
      this.succ.set(join, new Map());
      this.pred.set(join, new Set());
      for (const member of members) {
        for (const p of preds) {
          this.succ.get(p)!.delete(member);
          this.pred.get(member)!.delete(p);
        }
      }
      for (const p of preds) this.addEdge(p, join, null);
      for (const member of members) this.addEdge(join, member, null);
      touched.push(join, ...preds, ...members);
    }
    return touched.length > 0 ? touched : undefined;
  }
}

function seriesOf(parts: Tree[]): Tree {
  const children = parts.filter((p): p is SpTree => p !== null).flatMap((p) => flat(p, 'series'));
  if (children.length === 0) return null;
  if (children.length === 1) return children[0]!;
  return { kind: 'series', children };
}

function flat(tree: SpTree, kind: 'series' | 'parallel'): SpTree[] {
  return tree.kind === kind ? tree.children : [tree];
}

/**
 * Merges two alternatives out of a choice step, both ending at `to`. A side's
 * weight is the total probability of the choice's branches it starts with; an
 * empty side is the branch that goes straight to `to` (the join), weighted by
 * the probability the spec gives `to` (it had weighed 0, so the other branches
 * took its share). Weights are normalized in normalize().
 */
function choiceOf(choiceStep: string, to: string, probabilities: Record<string, number>, ir: IR, a: Tree, b: Tree): Tree {
  const branches: Array<{ probability: number; tree: Tree }> = [];
  for (const side of [a, b]) {
    if (side !== null && side.kind === 'choice' && side.choiceStep === choiceStep) branches.push(...side.branches);
    else branches.push({ probability: weightOf(side, to, probabilities, ir, choiceStep), tree: side });
  }
  return { kind: 'choice', choiceStep, branches };
}

function weightOf(tree: Tree, to: string, probabilities: Record<string, number>, ir: IR, choiceStep: string): number {
  if (tree === null) return probabilities[to] ?? 0;
  const successors = new Set(ir.graph.successors(choiceStep)!);
  let weight = 0;
  for (const step of entrySteps(tree)) if (successors.has(step)) weight += probabilities[step] ?? 0;
  return weight;
}

function entrySteps(tree: SpTree): string[] {
  switch (tree.kind) {
    case 'leaf':
      return [tree.step];
    case 'series':
      return entrySteps(tree.children[0]!);
    case 'parallel':
      return tree.children.flatMap(entrySteps);
    case 'choice':
      return tree.branches.flatMap((b) => (b.tree ? entrySteps(b.tree) : []));
  }
}

/** Sorts parallel children and choice branches by their first step, and turns choice weights into probabilities. */
function normalize(tree: SpTree): SpTree {
  switch (tree.kind) {
    case 'leaf':
      return tree;
    case 'series':
      return { kind: 'series', children: tree.children.map(normalize) };
    case 'parallel':
      return { kind: 'parallel', children: tree.children.map(normalize).sort(byFirstStep) };
    case 'choice': {
      const total = tree.branches.reduce((sum, b) => sum + b.probability, 0);
      const branches = tree.branches
        .map((b) => ({ probability: total > 0 ? b.probability / total : 1 / tree.branches.length, tree: b.tree ? normalize(b.tree) : null }))
        .sort((x, y) => byFirstStep(x.tree, y.tree));
      return { kind: 'choice', choiceStep: tree.choiceStep, branches };
    }
  }
}

function byFirstStep(a: SpTree | null, b: SpTree | null): number {
  const fa = minStep(a);
  const fb = minStep(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

function minStep(tree: SpTree | null): string {
  const steps = stepsOf(tree);
  return steps.length === 0 ? '' : steps.reduce((m, s) => (s < m ? s : m));
}
