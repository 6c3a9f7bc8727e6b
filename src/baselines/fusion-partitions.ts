// Every fusion partition a plan can express: the sets of disjoint fusion
// groups that dagc's Deployment, the estimator's fused view
// (src/sim/fused-view.ts) and the ASL emitter (src/codegen/asl/emit-tree.ts)
// all accept. A group is one Task state, so on the series-parallel tree it
// must be either
//   - a run of two or more consecutive children of a series node (a chain,
//     or a chain through Parallel states: a; (b | c); d), or
//   - a whole parallel node (its branches fused into one invocation, the
//     members sharing the Lambda's vCPUs: FusedDurationModel's stages),
// and every member must be fusible (the caller says which: a task step that
// runs on Lambda; a map step is not, since the fused view contracts a group
// to one task and would run a map member once, not W times; a choice or a
// join runs no function). The emitter also accepts a whole series node,
// which is the run of all its children, so it is listed once.
// A group must also be convex in the graph the plan runs on: no path leaves
// it and comes back. The tree of a restructured (staged) workflow does not
// list its join steps, yet the graph routes stage k → join → stage k+1, so
// two consecutive series children there are not adjacent: a run across them
// would enclose a join it cannot hold (a join runs no function), and its
// contraction (src/sim/fused-view.ts) would be a cycle through the join.
// Such runs stop at the join.
// dagc's own search (structural-options.ts) offers chains of task steps
// joined by edges, whole Parallel states, and parts through Parallel states of
// up to 8 steps (groupFusionCurves); this list is the superset it is measured
// against (every length, every convex run).
// Complexity: the number of partitions, which is exponential in the length
// of the series runs (2^(n−1) compositions of a run of n fusible children):
// for enumerating small apps only.
import { convexIn, type Convex } from '../ir/convex.ts';
import type { IR } from '../ir/types.ts';
import { stepsOf, type SpTree } from '../ir/sp-tree.ts';

/** A partition: its groups, each a sorted list of step ids. The empty partition (nothing fused) comes first. */
export type FusionPartition = string[][];

/** `graph`: the DAG the tree was built from (its joins included), in which every group must be convex. */
export function fusionPartitions(tree: SpTree, fusible: (step: string) => boolean, graph: IR['graph']): FusionPartition[] {
  const all = partitionsOf(tree, fusible, convexIn(graph), LISTS);
  const seen = new Set<string>();
  const unique: FusionPartition[] = [];
  for (const partition of all) {
    const groups = partition.map((g) => [...g].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
    const key = JSON.stringify(groups);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(groups);
  }
  return unique.sort((a, b) => a.length - b.length || (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/**
 * How many partitions fusionPartitions would list, counted by the same recursion without listing any (so it is
 * cheap however large: the number grows doubly exponentially with a reduction tree's depth, since each subtree's
 * partitions multiply). Counted before fusionPartitions' de-duplication, so it is an upper bound of its length
 * (equal on every tree the tests list). A float: past 2^53 it is approximate, and past 1.8e308 Infinity.
 */
export function countFusionPartitions(tree: SpTree, fusible: (step: string) => boolean, graph: IR['graph']): number {
  return partitionsOf(tree, fusible, convexIn(graph), COUNTS);
}


/** What the recursion builds: the partitions themselves, or their number. */
interface Algebra<T> {
  /** Nothing fused. */
  none: T;
  /** One partition of each part, side by side. */
  product(parts: T[]): T;
  /** Either one of the parts. */
  union(parts: T[]): T;
  /** A group, beside each partition of the rest. */
  withGroup(group: readonly string[], rest: T): T;
}

const LISTS: Algebra<FusionPartition[]> = {
  none: [[]],
  product,
  union: (parts) => parts.flat(),
  withGroup: (group, rest) => rest.map((r) => [[...group], ...r]),
};

const COUNTS: Algebra<number> = {
  none: 1,
  product: (parts) => parts.reduce((n, x) => n * x, 1),
  union: (parts) => parts.reduce((n, x) => n + x, 0),
  withGroup: (_group, rest) => rest,
};

function partitionsOf<T>(tree: SpTree | null, fusible: (step: string) => boolean, convex: Convex, a: Algebra<T>): T {
  if (tree === null || tree.kind === 'leaf') return a.none;
  const whole = (t: SpTree): string[] | undefined => {
    const steps = stepsOf(t);
    return steps.length >= 2 && t.kind !== 'choice' && steps.every(fusible) && convex(steps) ? steps : undefined;
  };
  switch (tree.kind) {
    case 'choice':
      return a.product(tree.branches.map((b) => partitionsOf(b.tree, fusible, convex, a)));
    case 'parallel': {
      const inside = a.product(tree.children.map((c) => partitionsOf(c, fusible, convex, a)));
      const all = whole(tree);
      return all ? a.union([inside, a.withGroup(all, a.none)]) : inside;
    }
    case 'series': {
      const children = tree.children;
      // from(i): the partitions of children i.. — child i either stands alone (its own inner partitions) or starts a run i..j.
      const memo = new Map<number, T>();
      const from = (i: number): T => {
        if (i >= children.length) return a.none;
        const cached = memo.get(i);
        if (cached !== undefined) return cached;
        const parts: T[] = [a.product([partitionsOf(children[i]!, fusible, convex, a), from(i + 1)])];
        const run: string[] = [];
        for (let j = i; j < children.length; j += 1) {
          const steps = stepsOf(children[j]!);
          if (children[j]!.kind === 'choice' || steps.length === 0 || !steps.every(fusible)) break;
          run.push(...steps);
          // A step outside the run between two of its members (a join) stays between them however far the run goes.
          if (j > i && !convex(run)) break;
          if (j > i) parts.push(a.withGroup(run, from(j + 1)));
        }
        const result = a.union(parts);
        memo.set(i, result);
        return result;
      };
      return from(0);
    }
  }
}

/** Every way of taking one partition from each list, concatenated. */
function product(lists: FusionPartition[][]): FusionPartition[] {
  let result: FusionPartition[] = [[]];
  for (const list of lists) {
    const next: FusionPartition[] = [];
    for (const left of result) for (const right of list) next.push([...left, ...right]);
    result = next;
  }
  return result;
}

