// composeFrontier against brute force written here: every assignment of an
// option to every leaf, evaluated on the series-parallel tree (series adds
// latencies and costs, parallel takes the slowest branch and adds costs, a
// choice takes its slowest branch and weighs costs by probability), then the
// Pareto set. For wide parallels, where 2^k assignments are too many, the
// brute force is a threshold sweep: at each candidate latency L every child
// takes its cheapest option no slower than L. Integer latencies and costs keep
// every sum exact, so the comparisons are equalities.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BALANCED_PARALLEL_MIN_CHILDREN, composeFrontier, type ComposeOptions } from '../../../src/passes/frontier/compose.ts';
import { leafPoint, materialize, type Curve, type CurvePoint } from '../../../src/passes/frontier/curve.ts';
import type { SpTree } from '../../../src/ir/sp-tree.ts';

interface Pick {
  step: string;
  index: number;
}
interface Option {
  latencyMs: number;
  costUsd: number;
}
type Options = Record<string, Option[]>;

const EXACT = { epsilon: 0, maxLatencyMs: Infinity };
const NONE: Pick = { step: '', index: -1 };

function options(o: Partial<ComposeOptions<Pick>> = {}): ComposeOptions<Pick> {
  return { ...EXACT, budget: { left: Infinity }, ...o };
}

/** A leaf's curve: its options' Pareto points (the caller of composeFrontier hands over Pareto curves). */
function leafCurves(opts: Options) {
  return (step: string): Curve<Pick> | undefined => {
    const list = opts[step];
    if (!list) return undefined;
    const points = list.map((o, index) => leafPoint<Pick>(o.latencyMs, o.costUsd, { step, index }));
    points.sort((a, b) => a.latencyMs - b.latencyMs || a.costUsd - b.costUsd);
    return points.filter((p, i) => points.slice(0, i).every((q) => q.costUsd > p.costUsd));
  };
}

const leaf = (step: string): SpTree => ({ kind: 'leaf', step });
const seriesOf = (...children: SpTree[]): SpTree => ({ kind: 'series', children });
const parallelOf = (...children: SpTree[]): SpTree => ({ kind: 'parallel', children });
const choiceOf = (...branches: Array<[number, SpTree | null]>): SpTree => ({ kind: 'choice', choiceStep: 'c', branches: branches.map(([probability, tree]) => ({ probability, tree })) });

/** The workflow's latency and cost under one assignment (step → option index). */
function evaluate(tree: SpTree | null, opts: Options, pick: Record<string, number>): Option {
  if (tree === null) return { latencyMs: 0, costUsd: 0 };
  switch (tree.kind) {
    case 'leaf':
      return opts[tree.step]![pick[tree.step]!]!;
    case 'series': {
      const parts = tree.children.map((c) => evaluate(c, opts, pick));
      return { latencyMs: parts.reduce((s, p) => s + p.latencyMs, 0), costUsd: parts.reduce((s, p) => s + p.costUsd, 0) };
    }
    case 'parallel': {
      const parts = tree.children.map((c) => evaluate(c, opts, pick));
      return { latencyMs: Math.max(...parts.map((p) => p.latencyMs)), costUsd: parts.reduce((s, p) => s + p.costUsd, 0) };
    }
    case 'choice': {
      const parts = tree.branches.map((b) => ({ p: b.probability, v: evaluate(b.tree, opts, pick) }));
      return { latencyMs: Math.max(...parts.map((x) => x.v.latencyMs)), costUsd: parts.reduce((s, x) => s + x.p * x.v.costUsd, 0) };
    }
  }
}

function leavesOf(tree: SpTree | null): string[] {
  if (tree === null) return [];
  if (tree.kind === 'leaf') return [tree.step];
  if (tree.kind === 'choice') return tree.branches.flatMap((b) => leavesOf(b.tree));
  return tree.children.flatMap(leavesOf);
}

/** Every assignment, evaluated; then the points no other point beats on both axes. */
function bruteForceFrontier(tree: SpTree, opts: Options): Option[] {
  const steps = leavesOf(tree);
  const all: Option[] = [];
  const pick: Record<string, number> = {};
  const visit = (k: number): void => {
    if (k === steps.length) {
      all.push(evaluate(tree, opts, pick));
      return;
    }
    for (let i = 0; i < opts[steps[k]!]!.length; i += 1) {
      pick[steps[k]!] = i;
      visit(k + 1);
    }
  };
  visit(0);
  return paretoOf(all);
}

function paretoOf(points: Option[]): Option[] {
  const sorted = [...points].sort((a, b) => a.latencyMs - b.latencyMs || a.costUsd - b.costUsd);
  const front: Option[] = [];
  for (const p of sorted) if (front.length === 0 || p.costUsd < front[front.length - 1]!.costUsd - 1e-9) front.push(p);
  return front;
}

/** A point's own assignment, evaluated afresh: the numbers it carries must be what its choices give. */
function assertPointIsItsChoices(tree: SpTree, opts: Options, point: CurvePoint<Pick>): void {
  const pick: Record<string, number> = {};
  for (const p of materialize(point.choice)) if (p.index >= 0) pick[p.step] = p.index;
  // A step on no branch taken by the point's choices still needs a pick to evaluate: any works,
  // since only its own branch reads it.
  for (const step of leavesOf(tree)) assert.ok(pick[step] !== undefined, `the point picks an option for ${step}`);
  const v = evaluate(tree, opts, pick);
  assert.ok(Math.abs(v.latencyMs - point.latencyMs) < 1e-9 && Math.abs(v.costUsd - point.costUsd) < 1e-9, `point (${point.latencyMs}, ${point.costUsd}) is its choices' (${v.latencyMs}, ${v.costUsd})`);
}

function numbers(curve: Curve<Pick> | undefined): Option[] {
  return (curve ?? []).map((p) => ({ latencyMs: p.latencyMs, costUsd: Number(p.costUsd.toFixed(9)) }));
}

function rounded(front: Option[]): Option[] {
  return front.map((p) => ({ latencyMs: p.latencyMs, costUsd: Number(p.costUsd.toFixed(9)) }));
}

describe('composeFrontier', () => {
  const opts: Options = {
    a: [{ latencyMs: 10, costUsd: 9 }, { latencyMs: 20, costUsd: 4 }, { latencyMs: 40, costUsd: 1 }],
    b: [{ latencyMs: 5, costUsd: 6 }, { latencyMs: 15, costUsd: 2 }],
    c: [{ latencyMs: 8, costUsd: 7 }, { latencyMs: 30, costUsd: 3 }],
    d: [{ latencyMs: 12, costUsd: 5 }, { latencyMs: 25, costUsd: 1 }],
  };

  it('adds a series: the Pareto set of every sum, worked by hand for two steps', () => {
    const tree = seriesOf(leaf('a'), leaf('b'));
    // Sums with b=5/6: 15/15, 25/10, 45/7; with b=15/2: 25/11, 35/6, 55/3. 25/11 loses to 25/10, 45/7 to 35/6.
    assert.deepEqual(numbers(composeFrontier(tree, leafCurves(opts), NONE, options())), [
      { latencyMs: 15, costUsd: 15 },
      { latencyMs: 25, costUsd: 10 },
      { latencyMs: 35, costUsd: 6 },
      { latencyMs: 55, costUsd: 3 },
    ]);
  });

  it('takes the slowest branch of a parallel and adds the costs, worked by hand for two steps', () => {
    const tree = parallelOf(leaf('a'), leaf('c'));
    // max latencies: 10|8 → 10 at 16; 20|8 → 20 at 11; 30 (a=10/20 with c=30) → 30 at 7; 40|30 → 40 at 4.
    assert.deepEqual(numbers(composeFrontier(tree, leafCurves(opts), NONE, options())), [
      { latencyMs: 10, costUsd: 16 },
      { latencyMs: 20, costUsd: 11 },
      { latencyMs: 30, costUsd: 7 },
      { latencyMs: 40, costUsd: 4 },
    ]);
  });

  it('weighs a choice\'s costs by probability and keeps its slowest branch, worked by hand', () => {
    // 0.25 of the time b, 0.75 of the time nothing (an empty branch: no latency, no cost).
    const tree = choiceOf([0.25, leaf('b')], [0.75, null]);
    assert.deepEqual(numbers(composeFrontier(tree, leafCurves(opts), NONE, options())), [
      { latencyMs: 5, costUsd: 1.5 },
      { latencyMs: 15, costUsd: 0.5 },
    ]);
  });

  it('equals the brute-force frontier of nested series, parallel and choice, and every point is what its choices give', () => {
    const tree = seriesOf(leaf('a'), choiceOf([0.3, seriesOf(leaf('b'), leaf('c'))], [0.7, parallelOf(leaf('c2'), leaf('d'))]), leaf('d2'));
    const more: Options = { ...opts, c2: opts['c']!, d2: [{ latencyMs: 3, costUsd: 8 }, { latencyMs: 9, costUsd: 2 }] };
    const curve = composeFrontier(tree, leafCurves(more), NONE, options())!;
    assert.deepEqual(numbers(curve), rounded(bruteForceFrontier(tree, more)));
    for (const point of curve) assertPointIsItsChoices(tree, more, point);
  });

  it('equals the brute-force frontier on random trees of up to 7 steps (property)', () => {
    const optionArb = fc.array(fc.record({ latencyMs: fc.integer({ min: 1, max: 60 }), costUsd: fc.integer({ min: 1, max: 60 }) }), { minLength: 1, maxLength: 3 });
    const treeArb = fc.letrec<{ tree: SpTree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constant(null).map(() => leaf('?')),
        fc.array(tie('tree'), { minLength: 2, maxLength: 3 }).map((children) => seriesOf(...children)),
        fc.array(tie('tree'), { minLength: 2, maxLength: 3 }).map((children) => parallelOf(...children)),
        fc.tuple(tie('tree'), fc.option(tie('tree'), { nil: null }), fc.integer({ min: 1, max: 3 })).map(([x, y, w]) => choiceOf([w / 4, x], [1 - w / 4, y])),
      ),
    })).tree;
    fc.assert(
      fc.property(treeArb, fc.array(optionArb, { minLength: 7, maxLength: 7 }), (shape, lists) => {
        // Name the leaves left to right; keep trees of at most 7 leaves so 3^7 assignments stay quick.
        let k = 0;
        const name = (t: SpTree | null): SpTree | null => {
          if (t === null) return null;
          if (t.kind === 'leaf') return leaf(`s${k++}`);
          if (t.kind === 'choice') return { ...t, branches: t.branches.map((b) => ({ ...b, tree: name(b.tree) })) };
          return { ...t, children: t.children.map((c) => name(c)!) };
        };
        const tree = name(shape)!;
        fc.pre(k <= 7);
        const random: Options = {};
        for (let i = 0; i < k; i += 1) random[`s${i}`] = lists[i]!;
        const curve = composeFrontier(tree, leafCurves(random), NONE, options())!;
        assert.deepEqual(numbers(curve), rounded(bruteForceFrontier(tree, random)));
        for (const point of curve) assertPointIsItsChoices(tree, random, point);
      }),
      { numRuns: 150, seed: 26 },
    );
  });

  for (const width of [BALANCED_PARALLEL_MIN_CHILDREN + 1, BALANCED_PARALLEL_MIN_CHILDREN + 3, 2 * BALANCED_PARALLEL_MIN_CHILDREN - 1]) {
    it(`merges a wide parallel of ${width} children (an odd count: a leftover curve in some round) to the threshold sweep's frontier`, () => {
      const wide: Options = {};
      const children: SpTree[] = [];
      for (let i = 0; i < width; i += 1) {
        // Distinct children: every one, the leftover included, changes the frontier if dropped.
        wide[`w${i}`] = [{ latencyMs: 10 + (i % 7), costUsd: 50 + i }, { latencyMs: 40 + (i % 11), costUsd: 10 + (i % 5) }];
        children.push(leaf(`w${i}`));
      }
      const tree = parallelOf(...children);
      const curve = composeFrontier(tree, leafCurves(wide), NONE, options())!;
      assert.deepEqual(numbers(curve), rounded(thresholdSweep(children.map((c) => wide[(c as { step: string }).step]!))));
      // Every child is in every point's choices: none was dropped in a round.
      for (const point of curve) assert.equal(new Set(materialize(point.choice).map((p) => p.step)).size, width);
    });
  }

  it('keeps, on an ε grid, a point within (1 + ε)^levels of any bound at no more than the exact frontier\'s cost there', () => {
    const tree = seriesOf(leaf('a'), parallelOf(leaf('b'), leaf('c')), leaf('d'));
    const exact = bruteForceFrontier(tree, opts);
    // Three binary operations (series, parallel, series) above the leaves.
    const levels = 3;
    for (const epsilon of [0.05, 0.2, 0.5]) {
      const pruned = composeFrontier(tree, leafCurves(opts), NONE, options({ epsilon }))!;
      assert.ok(pruned.length <= exact.length);
      for (const point of pruned) assertPointIsItsChoices(tree, opts, point);
      for (const bound of exact) {
        const within = pruned.filter((p) => p.latencyMs <= bound.latencyMs * (1 + epsilon) ** levels);
        assert.ok(within.length > 0 && Math.min(...within.map((p) => p.costUsd)) <= bound.costUsd + 1e-9, `ε ${epsilon}, bound ${bound.latencyMs} ms`);
      }
    }
  });

  it('prunes a coarser ε grid to no more points, and ε = 0 to the exact frontier', () => {
    const wide: Options = {};
    const steps: SpTree[] = [];
    for (let i = 0; i < 5; i += 1) {
      wide[`x${i}`] = [1, 2, 3, 4, 5, 6].map((k) => ({ latencyMs: 10 * k + i, costUsd: 70 - 10 * k + i }));
      steps.push(leaf(`x${i}`));
    }
    const tree = seriesOf(...steps);
    const sizes = [0, 0.01, 0.1, 0.5].map((epsilon) => composeFrontier(tree, leafCurves(wide), NONE, options({ epsilon }))!.length);
    assert.equal(sizes[0], bruteForceFrontier(tree, wide).length);
    for (let i = 1; i < sizes.length; i += 1) assert.ok(sizes[i]! <= sizes[i - 1]!, `sizes ${sizes.join(', ')}`);
    assert.ok(sizes[3]! < sizes[0]!, 'a 50 % grid drops points');
  });

  it('drops points slower than maxLatencyMs but always keeps the fastest', () => {
    const tree = seriesOf(leaf('a'), leaf('b'));
    assert.deepEqual(numbers(composeFrontier(tree, leafCurves(opts), NONE, options({ maxLatencyMs: 30 }))), [
      { latencyMs: 15, costUsd: 15 },
      { latencyMs: 25, costUsd: 10 },
    ]);
    assert.deepEqual(numbers(composeFrontier(tree, leafCurves(opts), NONE, options({ maxLatencyMs: 1 }))), [{ latencyMs: 15, costUsd: 15 }]);
  });

  it('gives up (undefined) when the budget of candidate points runs out, and spends from the shared budget', () => {
    const tree = seriesOf(leaf('a'), parallelOf(leaf('b'), leaf('c')), leaf('d'));
    assert.equal(composeFrontier(tree, leafCurves(opts), NONE, options({ budget: { left: 3 } })), undefined);
    const budget = { left: 10_000 };
    assert.ok(composeFrontier(tree, leafCurves(opts), NONE, options({ budget })));
    assert.ok(budget.left < 10_000, 'the work was charged');
  });
});

/** A parallel's frontier by thresholds: at each latency L, every child's cheapest option no slower than L. */
function thresholdSweep(children: Option[][]): Option[] {
  const thresholds = [...new Set(children.flat().map((o) => o.latencyMs))].sort((x, y) => x - y);
  const points: Option[] = [];
  for (const L of thresholds) {
    let costUsd = 0;
    let latencyMs = 0;
    let feasible = true;
    for (const list of children) {
      const fitting = list.filter((o) => o.latencyMs <= L);
      if (fitting.length === 0) {
        feasible = false;
        break;
      }
      const cheapest = fitting.reduce((x, y) => (y.costUsd < x.costUsd ? y : x));
      costUsd += cheapest.costUsd;
      latencyMs = Math.max(latencyMs, cheapest.latencyMs);
    }
    if (feasible) points.push({ latencyMs, costUsd });
  }
  return paretoOf(points);
}
