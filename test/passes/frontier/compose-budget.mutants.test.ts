// composeFrontier's work budget, charged exactly: the amounts below are counted by hand from the
// documented rule (every merge charges the candidate points it formed), on curves small enough to
// count — single-point leaves, whose series merge forms exactly one pair and whose parallel merge
// keeps exactly one point. The budget is the optimizer's safety valve (it falls back to a cheaper
// method when composition would run away), so what each operation costs decides when that happens.
import assert from 'node:assert/strict';
import { BALANCED_PARALLEL_MIN_CHILDREN, composeFrontier, MAX_FUSED_PARALLEL, type ComposeOptions } from '../../../src/passes/frontier/compose.ts';
import { leafPoint, type Curve } from '../../../src/passes/frontier/curve.ts';
import type { SpTree } from '../../../src/ir/sp-tree.ts';

const leaf = (step: string): SpTree => ({ kind: 'leaf', step });

/** Step s has these (latency, cost) points; a Pareto curve when given in rising latency and falling cost. */
function leaves(points: Record<string, Array<[number, number]>>): (step: string) => Curve<string> | undefined {
  return (step) => points[step]?.map(([latencyMs, costUsd]) => leafPoint(latencyMs, costUsd, step));
}

function opts(left: number, extra: Partial<ComposeOptions<string>> = {}): ComposeOptions<string> {
  return { epsilon: 0, maxLatencyMs: Infinity, budget: { left }, ...extra };
}

describe('composeFrontier budget accounting (mutants)', () => {
  it('charges a series of two single-point steps the one pair its merge formed', () => {
    const o = opts(10);
    const curve = composeFrontier({ kind: 'series', children: [leaf('a'), leaf('b')] }, leaves({ a: [[1, 5]], b: [[2, 7]] }), '', o);
    assert.deepEqual(curve?.map((p) => [p.latencyMs, p.costUsd]), [[3, 12]]);
    assert.equal(o.budget.left, 9);
  });

  it('charges a parallel of two single-point steps the merged point and the point joined (2)', () => {
    const o = opts(10);
    const curve = composeFrontier({ kind: 'parallel', children: [leaf('a'), leaf('b')] }, leaves({ a: [[1, 5]], b: [[2, 7]] }), '', o);
    assert.deepEqual(curve?.map((p) => [p.latencyMs, p.costUsd]), [[2, 12]]);
    assert.equal(o.budget.left, 8);
  });

  it('charges a choice the points of all its branches, and stops when they exceed what is left', () => {
    const tree: SpTree = { kind: 'choice', choiceStep: 'c', branches: [{ probability: 0.5, tree: leaf('a') }, { probability: 0.5, tree: leaf('b') }] };
    const leafCurve = leaves({ a: [[1, 4], [2, 2]], b: [[1, 6], [3, 4], [5, 2]] });
    const enough = opts(5);
    assert.notEqual(composeFrontier(tree, leafCurve, '', enough), undefined);
    assert.equal(enough.budget.left, 0, '2 + 3 points');
    const short = opts(4);
    assert.equal(composeFrontier(tree, leafCurve, '', short), undefined);
    assert.equal(short.budget.left, -1);
  });

  it(`merges a parallel of ${BALANCED_PARALLEL_MIN_CHILDREN} single-point steps in balanced rounds, 3 points per merge`, () => {
    // 64 curves, 63 pairwise merges, each charging the merged point plus both inputs' points (1 + 1 + 1).
    // A left-to-right fold would charge 2 per merge (126): the balanced rounds are what this checks.
    const n = BALANCED_PARALLEL_MIN_CHILDREN;
    const points: Record<string, Array<[number, number]>> = {};
    for (let i = 0; i < n; i += 1) points[`s${i}`] = [[i + 1, 1]];
    const o = opts(1000);
    const curve = composeFrontier({ kind: 'parallel', children: Object.keys(points).map(leaf) }, leaves(points), '', o);
    assert.deepEqual(curve?.map((p) => [p.latencyMs, p.costUsd]), [[n, n]]);
    assert.equal(o.budget.left, 1000 - 3 * (n - 1));
  });

  it(`stops a balanced parallel as soon as a merge's charge exceeds the budget`, () => {
    const n = BALANCED_PARALLEL_MIN_CHILDREN + 1;
    const points: Record<string, Array<[number, number]>> = {};
    for (let i = 0; i < n; i += 1) points[`s${i}`] = [[i + 1, 1]];
    // 65 curves: 64 merges (the odd one out joins in a later round) at 3 points each = 192.
    const enough = opts(192);
    assert.notEqual(composeFrontier({ kind: 'parallel', children: Object.keys(points).map(leaf) }, leaves(points), '', enough), undefined);
    assert.equal(enough.budget.left, 0);
    const short = opts(191);
    assert.equal(composeFrontier({ kind: 'parallel', children: Object.keys(points).map(leaf) }, leaves(points), '', short), undefined);
  });

  it('folds a series with one leaf and one parallel without the fusion program, even when fusion is offered', () => {
    // Fold: the parallel charges 2 (its merged point and the joined one), the series merge one pair: 3.
    // The fusion program would also charge each prefix's candidates (1, then 1): 5.
    const fuseCalls: string[][] = [];
    const o = opts(100, { fuse: (steps) => (fuseCalls.push([...steps]), undefined) });
    const tree: SpTree = { kind: 'series', children: [leaf('a'), { kind: 'parallel', children: [leaf('b'), leaf('c')] }] };
    const curve = composeFrontier(tree, leaves({ a: [[1, 1]], b: [[2, 2]], c: [[3, 3]] }), '', o);
    assert.deepEqual(curve?.map((p) => [p.latencyMs, p.costUsd]), [[4, 6]]);
    assert.equal(o.budget.left, 97);
    assert.deepEqual(fuseCalls, []);
  });
  it('charges a fused Parallel the union kept plus the fused points, on top of the apart merge', () => {
    // Apart: a (1, 5) | b (2, 7) = (2, 12), charged 2. Fused: (4, 8), not dominated: the union keeps 2 points,
    // charged 2 + 1 = 3. Total 5.
    const tree: SpTree = { kind: 'parallel', children: [leaf('a'), leaf('b')] };
    const leafCurve = leaves({ a: [[1, 5]], b: [[2, 7]] });
    const fuseParallel = (steps: readonly string[]) => [leafPoint(4, 8, steps.join('+'))];
    const enough = opts(5, { fuseParallel });
    const curve = composeFrontier(tree, leafCurve, '', enough);
    assert.deepEqual(curve?.map((p) => [p.latencyMs, p.costUsd]), [[2, 12], [4, 8]]);
    assert.equal(enough.budget.left, 0);
    assert.equal(composeFrontier(tree, leafCurve, '', opts(4, { fuseParallel })), undefined);
  });

  it(`offers exactly ${MAX_FUSED_PARALLEL} single-step branches for fusion, and never a parallel of one branch`, () => {
    const asked: string[][] = [];
    const fuseParallel = (steps: readonly string[]) => (asked.push([...steps]), undefined);
    const points: Record<string, Array<[number, number]>> = {};
    for (let i = 0; i < MAX_FUSED_PARALLEL; i += 1) points[`s${i}`] = [[1, 1]];
    composeFrontier({ kind: 'parallel', children: Object.keys(points).map(leaf) }, leaves(points), '', opts(Infinity, { fuseParallel }));
    assert.deepEqual(asked, [Object.keys(points)]);
    asked.length = 0;
    const single = composeFrontier({ kind: 'parallel', children: [leaf('s0')] }, leaves(points), '', opts(Infinity, { fuseParallel }));
    assert.deepEqual(asked, []);
    assert.deepEqual(single?.map((p) => [p.latencyMs, p.costUsd]), [[1, 1]]);
  });
});
