// Cost–latency curves: the Pareto frontier of what a piece of the workflow can
// cost at each latency. Points keep their choices as a tree of back-pointers
// (a point of a composed curve points at the child points it was made from),
// so composing curves never copies assignments; `materialize` collects them
// once, at the end. All operations return curves sorted by latency, strictly
// decreasing in cost (nothing dominated).

export type ChoiceTree<T> =
  | { kind: 'leaf'; payload: T }
  | { kind: 'join'; parts: ReadonlyArray<ChoiceTree<T>> };

export interface CurvePoint<T> {
  latencyMs: number;
  costUsd: number;
  choice: ChoiceTree<T>;
}

export type Curve<T> = ReadonlyArray<CurvePoint<T>>;

export function leafPoint<T>(latencyMs: number, costUsd: number, payload: T): CurvePoint<T> {
  return { latencyMs, costUsd, choice: { kind: 'leaf', payload } };
}

/** Drops dominated points: O(n log n). Ties on both axes keep the first given. */
export function pareto<T>(points: Iterable<CurvePoint<T>>): CurvePoint<T>[] {
  const sorted = [...points].sort((a, b) => a.latencyMs - b.latencyMs || a.costUsd - b.costUsd);
  const front: CurvePoint<T>[] = [];
  for (const point of sorted) {
    const last = front[front.length - 1];
    if (last === undefined || point.costUsd < last.costUsd) front.push(point);
  }
  return front;
}

/**
 * Splits the curve into bands whose latencies lie within a factor (1 + eps)
 * of the band's first point and keeps the cheapest (last) point of each — so
 * a curve over a latency range R keeps O(log R / eps) points. Guarantee: for
 * any bound L, the pruned curve has a point within L·(1 + eps) that costs no
 * more than the best point within L of the full curve; over k composition
 * levels the latency factor is at most (1 + eps)^k.
 */
export function epsilonPrune<T>(curve: Curve<T>, eps: number): CurvePoint<T>[] {
  if (eps <= 0 || curve.length <= 2) return [...curve];
  const kept: CurvePoint<T>[] = [];
  let bandStart = -Infinity;
  for (const point of curve) {
    if (point.latencyMs > bandStart * (1 + eps) || kept.length === 0) {
      kept.push(point);
      bandStart = point.latencyMs;
    } else {
      // Same band: the later point is cheaper (the curve is Pareto) and at most (1 + eps) slower.
      kept[kept.length - 1] = point;
    }
  }
  return kept;
}

/** Two pieces run one after the other: latencies add, costs add. O(|a|·|b| log) before pruning. */
export function series<T>(a: Curve<T>, b: Curve<T>, eps = 0): CurvePoint<T>[] {
  const points: CurvePoint<T>[] = [];
  for (const x of a) {
    for (const y of b) points.push({ latencyMs: x.latencyMs + y.latencyMs, costUsd: x.costUsd + y.costUsd, choice: join(x.choice, y.choice) });
  }
  return epsilonPrune(pareto(points), eps);
}

/**
 * Two pieces run side by side: latency is the larger, costs add. For each
 * point of one curve the best partner is the cheapest point of the other no
 * slower than it — the other's last point at or below that latency — so a
 * merge sweep gives the frontier in O(|a| + |b|).
 */
export function parallel<T>(a: Curve<T>, b: Curve<T>, eps = 0): CurvePoint<T>[] {
  const points: CurvePoint<T>[] = [];
  const sweep = (lead: Curve<T>, other: Curve<T>) => {
    let j = -1;
    for (const x of lead) {
      while (j + 1 < other.length && other[j + 1]!.latencyMs <= x.latencyMs) j += 1;
      if (j >= 0) {
        const y = other[j]!;
        points.push({ latencyMs: x.latencyMs, costUsd: x.costUsd + y.costUsd, choice: join(x.choice, y.choice) });
      }
    }
  };
  sweep(a, b);
  sweep(b, a);
  return epsilonPrune(pareto(points), eps);
}

/**
 * One of several branches runs, by probability: cost is the expectation; the
 * latency is the slowest branch's (a bound: the SLO holds whichever branch is
 * taken). The same sweep as parallel, with probability-weighted costs.
 */
export function choice<T>(branches: ReadonlyArray<{ curve: Curve<T>; probability: number }>, eps = 0): CurvePoint<T>[] {
  let combined: CurvePoint<T>[] | undefined;
  for (const { curve, probability } of branches) {
    const weighted = curve.map((p) => ({ ...p, costUsd: p.costUsd * probability }));
    combined = combined === undefined ? weighted : parallel(combined, weighted, eps);
  }
  return combined ?? [];
}

/** The cheapest point whose latency is within the bound, or undefined. */
export function cheapestWithin<T>(curve: Curve<T>, latencyMs: number): CurvePoint<T> | undefined {
  let best: CurvePoint<T> | undefined;
  for (const point of curve) {
    if (point.latencyMs <= latencyMs) best = point;
    else break;
  }
  return best;
}

/** Every leaf payload under a choice, left to right. */
export function materialize<T>(choiceTree: ChoiceTree<T>): T[] {
  const out: T[] = [];
  const stack: ChoiceTree<T>[] = [choiceTree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'leaf') out.push(node.payload);
    else for (let i = node.parts.length - 1; i >= 0; i -= 1) stack.push(node.parts[i]!);
  }
  return out;
}

function join<T>(a: ChoiceTree<T>, b: ChoiceTree<T>): ChoiceTree<T> {
  return { kind: 'join', parts: [a, b] };
}
