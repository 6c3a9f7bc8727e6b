// Cost–latency curves: the Pareto frontier of what a piece of the workflow can
// cost at each latency. Points keep their choices as a tree of back-pointers
// (a point of a composed curve points at the child points it was made from),
// so composing curves never copies assignments; `materialize` collects them
// once, at the end. All operations return curves sorted by latency, strictly
// decreasing in cost (nothing dominated). The compositions' own back-pointers
// are 'pair' nodes — one object each, where a 'join' is an object and an
// array: every kept point of every merge makes one, and on a 10k-step
// workflow the frontier keeps them alive through its search, so each
// young-generation collection copies them.

export type ChoiceTree<T> =
  | { kind: 'leaf'; payload: T }
  | { kind: 'join'; parts: ReadonlyArray<ChoiceTree<T>> }
  | { kind: 'pair'; first: ChoiceTree<T>; second: ChoiceTree<T> };

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

/**
 * Two pieces run one after the other: latencies add, costs add (a Minkowski
 * sum). Both inputs are Pareto curves, so the sums x_i + y_j come out of a
 * |a|-way merge in latency order (a heap over i, each list i walking j); a
 * sum is kept when it is cheaper than everything faster, and ε-pruned on the
 * fly, so only kept points are ever allocated. The merge stops as soon as the
 * cheapest possible sum (the last of a plus the last of b) has been kept.
 * O(|a|·|b| log |a|) time in the worst case, O(|result|) allocation.
 */
export function series<T>(a: Curve<T>, b: Curve<T>, eps = 0, work?: { pairs: number }): CurvePoint<T>[] {
  if (a.length === 0 || b.length === 0) return [];
  if (a.length > b.length) return series(b, a, eps, work);
  const n = a.length;
  const la = Float64Array.from(a, (p) => p.latencyMs);
  const ca = Float64Array.from(a, (p) => p.costUsd);
  const lb = Float64Array.from(b, (p) => p.latencyMs);
  const cb = Float64Array.from(b, (p) => p.costUsd);
  const cheapestB = cb[b.length - 1]!;
  const floorCost = ca[n - 1]! + cheapestB;
  // Heap of list indices i, ordered by (latency, cost, i) of the pair (i, next[i]).
  const next = new Int32Array(n);
  const heap = new Int32Array(n);
  let size = 0;
  const less = (i: number, k: number): boolean => {
    const li = la[i]! + lb[next[i]!]!;
    const lk = la[k]! + lb[next[k]!]!;
    if (li !== lk) return li < lk;
    const ci = ca[i]! + cb[next[i]!]!;
    const ck = ca[k]! + cb[next[k]!]!;
    return ci !== ck ? ci < ck : i < k;
  };
  const siftDown = (at: number): void => {
    const item = heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && less(heap[child + 1]!, heap[child]!)) child += 1;
      if (!less(heap[child]!, item)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = item;
  };
  // Every list starts at j = 0 and lists are sorted by latency already, so i in order is a valid heap.
  for (let i = 0; i < n; i += 1) heap[size++] = i;
  const kept: CurvePoint<T>[] = [];
  let bestCost = Infinity;
  let bandStart = -Infinity;
  let pairs = 0;
  while (size > 0) {
    pairs += 1;
    const i = heap[0]!;
    const j = next[i]!;
    const costUsd = ca[i]! + cb[j]!;
    if (costUsd < bestCost) {
      bestCost = costUsd;
      const latencyMs = la[i]! + lb[j]!;
      const point = { latencyMs, costUsd, choice: join(a[i]!.choice, b[j]!.choice) };
      if (eps > 0 && kept.length > 0 && latencyMs <= bandStart * (1 + eps)) {
        kept[kept.length - 1] = point;
      } else {
        kept.push(point);
        bandStart = latencyMs;
      }
      if (costUsd <= floorCost) break;
    }
    // A list whose cheapest possible sum is no better than what is kept can add nothing more.
    if (j + 1 < b.length && ca[i]! + cheapestB < bestCost) {
      next[i] = j + 1;
      siftDown(0);
    } else {
      heap[0] = heap[--size]!;
      if (size > 0) siftDown(0);
    }
  }
  if (work) work.pairs += pairs;
  return kept;
}

/**
 * Two pieces run side by side: latency is the larger, costs add. For each
 * point of one curve the best partner is the cheapest point of the other no
 * slower than it — the other's last point at or below that latency — so one
 * merge sweep over both curves in latency order gives the frontier, ε-pruned
 * on the fly, allocating only the points kept. O(|a| + |b|).
 *
 * maxLatencyMs: the result is cut there (cutLength), and the sweep
 * stops as soon as nothing later can survive the cut — once two points are
 * kept and the last is over the bound, every later point is slower still and
 * only replaces or follows it — so the points past the bound of a wide
 * stage's merges are never allocated. Same result as the full sweep cut afterwards.
 */
export function parallel<T>(a: Curve<T>, b: Curve<T>, eps = 0, maxLatencyMs = Infinity): CurvePoint<T>[] {
  const kept: CurvePoint<T>[] = [];
  let bestCost = Infinity;
  let bandStart = -Infinity;
  let i = 0;
  let j = 0;
  // ia / jb: the last point of a / b at or below the sweep's latency (-1: none yet).
  let ia = -1;
  let jb = -1;
  while (i < a.length || j < b.length) {
    const fromA = j >= b.length || (i < a.length && a[i]!.latencyMs <= b[j]!.latencyMs);
    if (fromA) ia = i++;
    else jb = j++;
    if (ia < 0 || jb < 0) continue;
    const lead = fromA ? a[ia]! : b[jb]!;
    const partner = fromA ? b[jb]! : a[ia]!;
    const costUsd = lead.costUsd + partner.costUsd;
    if (!(costUsd < bestCost)) continue;
    bestCost = costUsd;
    const point = { latencyMs: lead.latencyMs, costUsd, choice: fromA ? join(lead.choice, partner.choice) : join(partner.choice, lead.choice) };
    const last = kept[kept.length - 1];
    if (last && (point.latencyMs === last.latencyMs || (eps > 0 && point.latencyMs <= bandStart * (1 + eps)))) {
      kept[kept.length - 1] = point;
    } else {
      kept.push(point);
      bandStart = point.latencyMs;
    }
    if (kept.length >= 2 && point.latencyMs > maxLatencyMs) break;
  }
  // `kept` is this call's own array: cut in place.
  kept.length = cutLength(kept, maxLatencyMs);
  return kept;
}

/**
 * How many points a cut at maxLatencyMs keeps: the curve's prefix within the
 * bound, never fewer than the first (the fastest, kept even when over it).
 */
export function cutLength<T>(curve: Curve<T>, maxLatencyMs: number): number {
  let end = curve.length;
  while (end > 1 && curve[end - 1]!.latencyMs > maxLatencyMs) end -= 1;
  return end;
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
    else if (node.kind === 'pair') stack.push(node.second, node.first);
    else for (let i = node.parts.length - 1; i >= 0; i -= 1) stack.push(node.parts[i]!);
  }
  return out;
}

function join<T>(a: ChoiceTree<T>, b: ChoiceTree<T>): ChoiceTree<T> {
  return { kind: 'pair', first: a, second: b };
}
