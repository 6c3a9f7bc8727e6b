// The workflow's cost–latency frontier, composed bottom-up on its
// series-parallel tree from one curve per step: series steps add (pruned
// Minkowski sum), parallel branches take the maximum, a choice weighs its
// branches' costs by their probabilities and keeps the slowest branch's
// latency (the SLO must hold whichever branch runs). Curves are pruned to
// Pareto points on an ε grid after every operation (curve.ts).
//
// A step's curve comes from the caller (leafCurve), so functions that are
// fixed from outside (shared by several steps) enter as single points.
// Work is counted in candidate points formed; when the budget runs out the
// composition stops and returns undefined, so a caller can fall back to a cheaper method
// instead of running away on an adversarial graph.
// A parallel of BALANCED_PARALLEL_MIN_CHILDREN or more children (a wide
// stage of a restructured workflow) merges in balanced rounds.
// Complexity: O(Σ over series joins of |a|·|b| + Σ over parallel joins of
// |a| + |b|), |curve| = O(log(range) / ε) after pruning.
import { stepsOf, type SpTree } from '../../ir/sp-tree.ts';
import { choice, cutLength, epsilonPrune, leafPoint, parallel, pareto, series, type Curve, type CurvePoint } from './curve.ts';

/** Parallels at least this wide merge in balanced rounds; narrower ones (every fixture's) fold left to right as before. */
export const BALANCED_PARALLEL_MIN_CHILDREN = 64;

export interface ComposeOptions<T = unknown> {
  epsilon: number;
  /**
   * Points slower than this can be part of no plan the caller will pick, and
   * are dropped after every operation (latencies only grow going up the
   * tree); the fastest point is always kept. Infinity keeps everything.
   */
  maxLatencyMs: number;
  /** Candidate points that may still be formed, shared by the calls that get the same object; Infinity for no limit. */
  budget: { left: number };
  /**
   * Fusion (WiseFuse): the curve of running these consecutive steps of a
   * series (in order) as one Lambda invocation, or undefined when they cannot
   * be fused. When given, a series of leaves also considers every contiguous
   * run of up to MAX_FUSED_RUN of them fused, by a dynamic program over the
   * series' prefixes, so the frontier holds fused and unfused plans alike.
   */
  fuse?: (steps: readonly string[]) => Curve<T> | undefined;
  /**
   * Whether a run of these consecutive leaves, longer than MAX_FUSED_RUN, is still asked of fuse() (up to
   * MAX_UNIFORM_FUSED_RUN): the caller says yes for a uniform chain (an unrolled loop: every member runs one function).
   * Absent: no run is longer than MAX_FUSED_RUN.
   */
  longRun?: (steps: readonly string[]) => boolean;
  /**
   * Fusion of a Parallel state's branches: the curve of running these steps (every child of a parallel node,
   * each a single step) as one Lambda invocation, or undefined when they cannot be. When given, such a parallel
   * node's frontier is the union of its branches run apart and run fused, so the search picks either.
   */
  fuseParallel?: (steps: readonly string[]) => Curve<T> | undefined;
  /**
   * Fusion of a part that is neither a chain nor a Parallel state of single steps: a run of a series' children
   * through a Parallel state ((a | b); c), or a Parallel state whose branches are such parts (a; b | c). `steps`
   * are the part's steps in the tree's order (a topological one); undefined when they cannot be one Lambda (the
   * caller checks what the tree does not say: convexity in the graph, the members' configurations). When given,
   * such parts of up to MAX_FUSED_GROUP steps join the runs and parallels fused above.
   */
  fuseGroup?: (steps: readonly string[]) => Curve<T> | undefined;
}

/** The most steps one fused part that is not a chain may take (fuseGroup): its stages share at most 6 vCPUs. */
export const MAX_FUSED_GROUP = 8;

/** The most branches of one Parallel state fused into one invocation (they share its at most 6 vCPUs). */
export const MAX_FUSED_PARALLEL = 6;

/** The longest run of consecutive steps one fusion group may take (unless options.longRun allows it, below). */
export const MAX_FUSED_RUN = 6;
/**
 * The longest uniform run (options.longRun): an unrolled loop fused whole saves a dispatch per iteration, and a cap of
 * 6 split sebs-excamera's 8 rebase steps in two (the optimum fuses all 8: 1.24 × its cost at 1×). Bounded because
 * the series dynamic program composes one curve per run length at every child: 16 keeps that work within 16
 * compositions per child, twice the longest unrolled loop of the fixtures.
 */
export const MAX_UNIFORM_FUSED_RUN = 16;

/** A step's own curve; undefined for a step that runs nothing (a choice step). */
export type LeafCurve<T> = (stepId: string) => Curve<T> | undefined;

export function composeFrontier<T>(tree: SpTree, leafCurve: LeafCurve<T>, empty: T, options: ComposeOptions<T>): Curve<T> | undefined {
  const work = { pairs: 0 };
  const charge = (n: number): boolean => {
    options.budget.left -= n + work.pairs;
    work.pairs = 0;
    return options.budget.left >= 0;
  };
  const { epsilon, maxLatencyMs } = options;
  // Curves here may be shared (a leaf's curve, a child's): cut by copying, never in place.
  const cut = (curve: Curve<T>): Curve<T> => {
    const end = cutLength(curve, maxLatencyMs);
    return end === curve.length ? curve : curve.slice(0, end);
  };
  // The steps of a child a fused part may take whole: a leaf, or (with fuseGroup) a series or parallel of at most
  // MAX_FUSED_GROUP steps with no choice inside. Undefined for anything else.
  const partSteps = (child: SpTree): string[] | undefined => {
    if (child.kind === 'leaf') return [child.step];
    if (!options.fuseGroup || !choiceFree(child)) return undefined;
    const steps = stepsOf(child);
    return steps.length <= MAX_FUSED_GROUP ? steps : undefined;
  };
  // A series with fusion: best[i] is the frontier of the first i children; child i − 1 joins it on its own,
  // or closes a fused run j … i − 1: of leaves (each run's curve from options.fuse), or through a Parallel state
  // (options.fuseGroup).
  const fusedSeries = (children: SpTree[], fuse: NonNullable<ComposeOptions<T>['fuse']>): Curve<T> | undefined | 'over' => {
    const curves: Array<Curve<T> | undefined> = [];
    for (const child of children) {
      const curve = walk(child);
      if (curve === 'over') return 'over';
      curves.push(curve);
    }
    const then = (acc: Curve<T> | undefined, next: Curve<T> | undefined): Curve<T> | undefined => (acc === undefined ? next : next === undefined ? acc : cut(series(acc, next, epsilon, work)));
    const best: Array<Curve<T> | undefined> = [undefined];
    for (let i = 1; i <= children.length; i += 1) {
      let candidates = then(best[i - 1], curves[i - 1]);
      const last = partSteps(children[i - 1]!);
      // Runs of leaves, and (with fuseGroup) runs through parts: the loop stops at the first child no part may take
      // (going left from i − 1), or once a run through a part grows past MAX_FUSED_GROUP steps.
      let through = last !== undefined && children[i - 1]!.kind !== 'leaf';
      let steps = last ?? [];
      for (let j = i - 2; last !== undefined && j >= 0 && i - j <= MAX_UNIFORM_FUSED_RUN; j -= 1) {
        const part = partSteps(children[j]!);
        if (part === undefined) break;
        through ||= children[j]!.kind !== 'leaf';
        steps = [...part, ...steps];
        let run: Curve<T> | undefined;
        if (through) {
          if (steps.length > MAX_FUSED_GROUP) break;
          run = options.fuseGroup!(steps);
        } else {
          // Past MAX_FUSED_RUN only a run the caller calls uniform; extending a non-uniform run leftwards keeps it so.
          if (i - j > MAX_FUSED_RUN && !options.longRun?.(steps)) break;
          run = fuse(steps);
        }
        if (!run) continue;
        const fused = then(best[j], cut(run));
        if (fused) candidates = candidates === undefined ? fused : cut(epsilonPrune(pareto([...candidates, ...fused]), epsilon));
      }
      if (!charge(candidates?.length ?? 0)) return 'over';
      best.push(candidates);
    }
    return best[children.length];
  };
  const fold = (t: { kind: 'series' | 'parallel'; children: SpTree[] }): Curve<T> | undefined | 'over' => {
    if (t.kind === 'series' && options.fuse && t.children.filter((c) => partSteps(c) !== undefined).length >= 2) return fusedSeries(t.children, options.fuse);
    let acc: Curve<T> | undefined;
    for (const child of t.children) {
      const curve = walk(child);
      if (curve === 'over') return 'over';
      if (!curve) continue;
      if (acc === undefined) {
        acc = curve;
        continue;
      }
      acc = t.kind === 'series' ? cut(series(acc, curve, epsilon, work)) : parallel(acc, curve, epsilon, maxLatencyMs);
      if (!charge(t.kind === 'series' ? 0 : acc.length + curve.length)) return 'over';
    }
    if (t.kind === 'parallel' && options.fuseParallel && acc !== undefined) {
      const fused = fusedParallel(t.children, options.fuseParallel);
      if (fused) {
        acc = cut(epsilonPrune(pareto([...acc, ...fused]), epsilon));
        if (!charge(acc.length + fused.length)) return 'over';
      }
    }
    return acc;
  };
  // A Parallel state whose branches are single steps, run as one invocation (the branches then share its vCPUs).
  // With fuseGroup, one whose branches are parts (a; b | c) of at most MAX_FUSED_GROUP steps in all.
  const fusedParallel = (children: SpTree[], fuse: NonNullable<ComposeOptions<T>['fuseParallel']>): Curve<T> | undefined => {
    if (children.length < 2 || children.length > MAX_FUSED_PARALLEL) return undefined;
    if (children.every((c) => c.kind === 'leaf')) {
      const run = fuse(children.map((c) => (c as { step: string }).step));
      return run && cut(run);
    }
    const parts = children.map(partSteps);
    if (parts.some((p) => p === undefined)) return undefined;
    const steps = parts.flatMap((p) => p!);
    if (steps.length > MAX_FUSED_GROUP) return undefined;
    const run = options.fuseGroup!(steps);
    return run && cut(run);
  };
  // A wide parallel (a stage of a restructured workflow) merges its curves pairwise in rounds, not
  // left to right: each curve is merged O(log k) times instead of the accumulated one k times.
  const balancedParallel = (curves: Curve<T>[]): Curve<T> | undefined | 'over' => {
    let round = curves;
    while (round.length > 1) {
      const next: Curve<T>[] = [];
      for (let i = 0; i + 1 < round.length; i += 2) {
        // Cut inside the sweep: a wide stage's merges stop at the bound instead of building points to drop.
        const merged = parallel(round[i]!, round[i + 1]!, epsilon, maxLatencyMs);
        if (!charge(merged.length + round[i]!.length + round[i + 1]!.length)) return 'over';
        next.push(merged);
      }
      if (round.length % 2 === 1) next.push(round[round.length - 1]!);
      round = next;
    }
    return round[0];
  };
  const walk = (t: SpTree | null): Curve<T> | undefined | 'over' => {
    if (t === null) return undefined;
    switch (t.kind) {
      case 'leaf': {
        const curve = leafCurve(t.step);
        return curve && cut(curve);
      }
      case 'parallel':
        if (t.children.length >= BALANCED_PARALLEL_MIN_CHILDREN) {
          const curves: Curve<T>[] = [];
          for (const child of t.children) {
            const curve = walk(child);
            if (curve === 'over') return 'over';
            if (curve) curves.push(curve);
          }
          return balancedParallel(curves);
        }
        return fold(t);
      case 'series':
        return fold(t);
      case 'choice': {
        const branches: Array<{ curve: Curve<T>; probability: number }> = [];
        for (const branch of t.branches) {
          const curve = walk(branch.tree);
          if (curve === 'over') return 'over';
          branches.push({ curve: curve ?? [leafPoint<T>(0, 0, empty)], probability: branch.probability });
        }
        if (!charge(branches.reduce((n, b) => n + b.curve.length, 0))) return 'over';
        return cut(choice(branches, epsilon));
      }
    }
  };
  const result = walk(tree);
  if (result === 'over') return undefined;
  return result ?? [leafPoint<T>(0, 0, empty)];
}

/** Pareto union of several frontiers (e.g. one per fixing of the shared functions), ε-pruned. */
export function unionFrontier<T>(curves: ReadonlyArray<Curve<T>>, epsilon: number): CurvePoint<T>[] {
  return epsilonPrune(pareto(curves.flat()), epsilon);
}

/** Whether a part of the tree has no choice inside (a fused Lambda runs every one of its steps). */
function choiceFree(tree: SpTree): boolean {
  if (tree.kind === 'leaf') return true;
  if (tree.kind === 'choice') return false;
  return tree.children.every(choiceFree);
}
