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
// Complexity: O(Σ over series joins of |a|·|b| + Σ over parallel joins of
// |a| + |b|), |curve| = O(log(range) / ε) after pruning.
import type { SpTree } from '../../ir/sp-tree.ts';
import { choice, epsilonPrune, leafPoint, parallel, pareto, series, type Curve, type CurvePoint } from './curve.ts';

export interface ComposeOptions {
  epsilon: number;
  /**
   * Points slower than this can be part of no plan the caller will pick, and
   * are dropped after every operation (latencies only grow going up the
   * tree); the fastest point is always kept. Infinity keeps everything.
   */
  maxLatencyMs: number;
  /** Candidate points that may still be formed, shared by the calls that get the same object; Infinity for no limit. */
  budget: { left: number };
}

/** A step's own curve; undefined for a step that runs nothing (a choice step). */
export type LeafCurve<T> = (stepId: string) => Curve<T> | undefined;

export function composeFrontier<T>(tree: SpTree, leafCurve: LeafCurve<T>, empty: T, options: ComposeOptions): Curve<T> | undefined {
  const work = { pairs: 0 };
  const charge = (n: number): boolean => {
    options.budget.left -= n + work.pairs;
    work.pairs = 0;
    return options.budget.left >= 0;
  };
  const { epsilon, maxLatencyMs } = options;
  const cut = (curve: Curve<T>): Curve<T> => {
    let end = curve.length;
    while (end > 1 && curve[end - 1]!.latencyMs > maxLatencyMs) end -= 1;
    return end === curve.length ? curve : curve.slice(0, end);
  };
  const walk = (t: SpTree | null): Curve<T> | undefined | 'over' => {
    if (t === null) return undefined;
    switch (t.kind) {
      case 'leaf': {
        const curve = leafCurve(t.step);
        return curve && cut(curve);
      }
      case 'series':
      case 'parallel': {
        let acc: Curve<T> | undefined;
        for (const child of t.children) {
          const curve = walk(child);
          if (curve === 'over') return 'over';
          if (!curve) continue;
          if (acc === undefined) {
            acc = curve;
            continue;
          }
          acc = cut(t.kind === 'series' ? series(acc, curve, epsilon, work) : parallel(acc, curve, epsilon));
          if (!charge(t.kind === 'series' ? 0 : acc.length + curve.length)) return 'over';
        }
        return acc;
      }
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
