// composeFrontier with fusion (options.fuse) and its edge cases, against a brute force written here:
// every way to cut a series into runs (a step alone, or a run of 2 … MAX_FUSED_RUN consecutive leaves
// that fuse() accepts), every option of every run, summed, then the Pareto set. Integer latencies and
// costs keep every sum exact.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { composeFrontier, MAX_FUSED_RUN, MAX_UNIFORM_FUSED_RUN, unionFrontier, type ComposeOptions } from '../../../src/passes/frontier/compose.ts';
import { leafPoint, materialize, type Curve } from '../../../src/passes/frontier/curve.ts';
import type { SpTree } from '../../../src/ir/sp-tree.ts';

interface Option {
  latencyMs: number;
  costUsd: number;
}
/** A choice: one step's option, or one fused run's option (step = the run's steps joined by '+'). */
interface Pick {
  step: string;
  index: number;
}

const NONE: Pick = { step: '', index: -1 };
const leaf = (step: string): SpTree => ({ kind: 'leaf', step });
const seriesOf = (...children: SpTree[]): SpTree => ({ kind: 'series', children });
const parallelOf = (...children: SpTree[]): SpTree => ({ kind: 'parallel', children });

function paretoOf(points: Option[]): Option[] {
  const sorted = [...points].sort((a, b) => a.latencyMs - b.latencyMs || a.costUsd - b.costUsd);
  const front: Option[] = [];
  for (const p of sorted) if (front.length === 0 || p.costUsd < front[front.length - 1]!.costUsd) front.push(p);
  return front;
}

function curveOf(name: string, list: Option[] | undefined): Curve<Pick> | undefined {
  if (!list) return undefined;
  const points = list.map((o, index) => leafPoint<Pick>(o.latencyMs, o.costUsd, { step: name, index }));
  points.sort((a, b) => a.latencyMs - b.latencyMs || a.costUsd - b.costUsd);
  return points.filter((p, i) => points.slice(0, i).every((q) => q.costUsd > p.costUsd));
}

const numbers = (curve: Curve<Pick> | undefined): Option[] => (curve ?? []).map((p) => ({ latencyMs: p.latencyMs, costUsd: p.costUsd }));

function options(fused: Record<string, Option[]>, calls?: string[][], o: Partial<ComposeOptions<Pick>> = {}): ComposeOptions<Pick> {
  return {
    epsilon: 0,
    maxLatencyMs: Infinity,
    budget: { left: Infinity },
    fuse: (steps) => {
      calls?.push([...steps]);
      return curveOf(steps.join('+'), fused[steps.join('+')]);
    },
    ...o,
  };
}

/** Brute force over a series of leaves: every cut into runs, every option of every run. */
function bruteForceSeries(steps: string[], single: Record<string, Option[]>, fused: Record<string, Option[]>): Option[] {
  const totals: Option[] = [];
  const visit = (at: number, sum: Option): void => {
    if (at === steps.length) {
      totals.push(sum);
      return;
    }
    for (let end = at + 1; end <= Math.min(steps.length, at + MAX_FUSED_RUN); end += 1) {
      const list = end === at + 1 ? single[steps[at]!]! : fused[steps.slice(at, end).join('+')];
      if (!list) continue;
      for (const o of list) visit(end, { latencyMs: sum.latencyMs + o.latencyMs, costUsd: sum.costUsd + o.costUsd });
    }
  };
  visit(0, { latencyMs: 0, costUsd: 0 });
  return paretoOf(totals);
}

/** The point's picks, re-evaluated: a fused pick covers its run's steps, and every step is covered once. */
function assertPicksCover(steps: string[], single: Record<string, Option[]>, fused: Record<string, Option[]>, curve: Curve<Pick>): void {
  for (const point of curve) {
    const picks = materialize(point.choice);
    // series() may put its shorter curve first, so the picks come in either order of the two parts.
    const covered = picks.flatMap((p) => p.step.split('+'));
    assert.deepEqual(covered.sort(), [...steps].sort(), 'each step once');
    const total = picks.reduce(
      (sum, p) => {
        const o = (p.step.includes('+') ? fused[p.step]! : single[p.step]!)[p.index]!;
        return { latencyMs: sum.latencyMs + o.latencyMs, costUsd: sum.costUsd + o.costUsd };
      },
      { latencyMs: 0, costUsd: 0 },
    );
    assert.deepEqual(total, { latencyMs: point.latencyMs, costUsd: point.costUsd });
  }
}

describe('composeFrontier with fusion', () => {
  const single: Record<string, Option[]> = {
    a: [{ latencyMs: 10, costUsd: 9 }, { latencyMs: 20, costUsd: 4 }],
    b: [{ latencyMs: 5, costUsd: 6 }, { latencyMs: 15, costUsd: 2 }],
    c: [{ latencyMs: 8, costUsd: 7 }],
  };

  it('puts a fused run beside the unfused steps, worked by hand for two steps', () => {
    // Unfused a;b: 15/15, 25/10 (and 25/11), 35/6. Fused a+b: 12/12 and 40/3.
    const fused = { 'a+b': [{ latencyMs: 12, costUsd: 12 }, { latencyMs: 40, costUsd: 3 }] };
    const curve = composeFrontier(seriesOf(leaf('a'), leaf('b')), (s) => curveOf(s, single[s]), NONE, options(fused))!;
    assert.deepEqual(numbers(curve), [
      { latencyMs: 12, costUsd: 12 },
      { latencyMs: 25, costUsd: 10 },
      { latencyMs: 35, costUsd: 6 },
      { latencyMs: 40, costUsd: 3 },
    ]);
    assert.deepEqual(materialize(curve[0]!.choice), [{ step: 'a+b', index: 0 }]);
    assert.deepEqual(materialize(curve[1]!.choice), [{ step: 'a', index: 1 }, { step: 'b', index: 0 }]);
  });

  it('fuses a run after an unfused prefix and before an unfused suffix', () => {
    const fused = { 'b+c': [{ latencyMs: 1, costUsd: 1 }] };
    const steps = ['a', 'b', 'c'];
    const curve = composeFrontier(seriesOf(...steps.map(leaf)), (s) => curveOf(s, single[s]), NONE, options(fused))!;
    assert.deepEqual(numbers(curve), bruteForceSeries(steps, single, fused));
    assert.deepEqual(numbers(curve), [{ latencyMs: 11, costUsd: 10 }, { latencyMs: 21, costUsd: 5 }]);
    assertPicksCover(steps, single, fused, curve);
  });

  it('asks fuse() for every run of 2 … 6 consecutive leaves and never a longer one', () => {
    const steps = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'];
    const each = Object.fromEntries(steps.map((s) => [s, [{ latencyMs: 10, costUsd: 10 }]]));
    const calls: string[][] = [];
    composeFrontier(seriesOf(...steps.map(leaf)), (s) => curveOf(s, each[s]), NONE, options({}, calls));
    const asked = new Set(calls.map((c) => c.join('+')));
    const expected = new Set<string>();
    for (let i = 0; i < steps.length; i += 1) for (let length = 2; length <= MAX_FUSED_RUN && i + length <= steps.length; length += 1) expected.add(steps.slice(i, i + length).join('+'));
    assert.deepEqual([...asked].sort(), [...expected].sort());
    assert.equal(MAX_FUSED_RUN, 6);
  });

  it('asks fuse() for runs longer than 6, up to MAX_UNIFORM_FUSED_RUN, only where longRun says the run is uniform', () => {
    const steps = Array.from({ length: 20 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    const each = Object.fromEntries(steps.map((s) => [s, [{ latencyMs: 10, costUsd: 10 }]]));
    // s00 … s09 are an unrolled loop (uniform); s10 … s19 are not.
    const uniform = (run: readonly string[]) => run.every((s) => s < 's10');
    const calls: string[][] = [];
    composeFrontier(seriesOf(...steps.map(leaf)), (s) => curveOf(s, each[s]), NONE, options({}, calls, { longRun: uniform }));
    const longest = (from: number) => Math.max(0, ...calls.filter((c) => c[0] === steps[from]).map((c) => c.length));
    assert.equal(longest(0), 10, 'the whole loop of 10 is asked');
    assert.equal(longest(10), MAX_FUSED_RUN, 'a mixed run stops at MAX_FUSED_RUN');
    assert.ok(calls.every((c) => c.length <= MAX_FUSED_RUN || uniform(c)));
    // And never past MAX_UNIFORM_FUSED_RUN, however long the loop.
    const loop = Array.from({ length: MAX_UNIFORM_FUSED_RUN + 4 }, (_, i) => `u${String(i).padStart(2, '0')}`);
    const loopCalls: string[][] = [];
    composeFrontier(seriesOf(...loop.map(leaf)), (s) => curveOf(s, [{ latencyMs: 10, costUsd: 10 }]), NONE, options({}, loopCalls, { longRun: () => true }));
    assert.equal(Math.max(...loopCalls.map((c) => c.length)), MAX_UNIFORM_FUSED_RUN);
  });

  it('picks a uniform run of 8 fused whole when it is the cheapest cut (a cap of 6 could not)', () => {
    const steps = Array.from({ length: 8 }, (_, i) => `r${i}`);
    const own = Object.fromEntries(steps.map((s) => [s, [{ latencyMs: 10, costUsd: 10 }]]));
    const fused: Record<string, Option[]> = {};
    for (let i = 0; i < 8; i += 1) for (let n = 2; i + n <= 8; n += 1) fused[steps.slice(i, i + n).join('+')] = [{ latencyMs: 6 * n + 4, costUsd: 9 * n + 1 }];
    const curve = composeFrontier(seriesOf(...steps.map(leaf)), (s) => curveOf(s, own[s]), NONE, options(fused, undefined, { longRun: () => true }))!;
    assert.deepEqual(numbers(curve), [{ latencyMs: 52, costUsd: 73 }]);
    const capped = composeFrontier(seriesOf(...steps.map(leaf)), (s) => curveOf(s, own[s]), NONE, options(fused))!;
    assert.deepEqual(numbers(capped), [{ latencyMs: 56, costUsd: 74 }]);
  });

  it('equals the brute force over every cut of a random series into fused runs (property)', () => {
    const optionArb = fc.array(fc.record({ latencyMs: fc.integer({ min: 1, max: 50 }), costUsd: fc.integer({ min: 1, max: 50 }) }), { minLength: 1, maxLength: 2 });
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.array(optionArb, { minLength: 8, maxLength: 8 }), fc.array(fc.option(optionArb, { nil: undefined }), { minLength: 40, maxLength: 40 }), (n, lists, fusedLists) => {
        const steps = Array.from({ length: n }, (_, i) => `s${i}`);
        const own = Object.fromEntries(steps.map((s, i) => [s, lists[i]!]));
        const fused: Record<string, Option[]> = {};
        let k = 0;
        for (let i = 0; i < n; i += 1) {
          for (let length = 2; length <= MAX_FUSED_RUN && i + length <= n; length += 1) {
            const list = fusedLists[k++ % fusedLists.length];
            if (list) fused[steps.slice(i, i + length).join('+')] = list;
          }
        }
        const curve = composeFrontier(seriesOf(...steps.map(leaf)), (s) => curveOf(s, own[s]), NONE, options(fused))!;
        assert.deepEqual(numbers(curve), bruteForceSeries(steps, own, fused));
        assertPicksCover(steps, own, fused, curve);
      }),
      { numRuns: 150, seed: 31 },
    );
  });

  it('fuses no run that crosses a parallel child, and still fuses the leaves on either side of it', () => {
    const calls: string[][] = [];
    const fused = { 'a+b': [{ latencyMs: 1, costUsd: 1 }], 'd+e': [{ latencyMs: 1, costUsd: 1 }] };
    const own: Record<string, Option[]> = { a: [{ latencyMs: 5, costUsd: 5 }], b: [{ latencyMs: 5, costUsd: 5 }], p: [{ latencyMs: 7, costUsd: 3 }], q: [{ latencyMs: 4, costUsd: 2 }], d: [{ latencyMs: 5, costUsd: 5 }], e: [{ latencyMs: 5, costUsd: 5 }] };
    const tree = seriesOf(leaf('a'), leaf('b'), parallelOf(leaf('p'), leaf('q')), leaf('d'), leaf('e'));
    const curve = composeFrontier(tree, (s) => curveOf(s, own[s]), NONE, options(fused, calls))!;
    assert.deepEqual(calls.map((c) => c.join('+')).sort(), ['a+b', 'd+e']);
    // a+b (1/1), p|q (7/5), d+e (1/1): 9 ms for 7.
    assert.deepEqual(numbers(curve), [{ latencyMs: 9, costUsd: 7 }]);
  });

  it('does not consult fuse() for a series with fewer than two leaves, nor for a parallel', () => {
    const calls: string[][] = [];
    const own: Record<string, Option[]> = { a: [{ latencyMs: 5, costUsd: 5 }], b: [{ latencyMs: 3, costUsd: 3 }], c: [{ latencyMs: 4, costUsd: 4 }] };
    const curve = composeFrontier(seriesOf(leaf('a'), parallelOf(leaf('b'), leaf('c'))), (s) => curveOf(s, own[s]), NONE, options({ 'b+c': [{ latencyMs: 1, costUsd: 1 }] }, calls))!;
    assert.deepEqual(calls, []);
    assert.deepEqual(numbers(curve), [{ latencyMs: 9, costUsd: 12 }]);
  });

  it('passes over a step that runs nothing (no curve) inside a fused series', () => {
    const own: Record<string, Option[]> = { a: [{ latencyMs: 5, costUsd: 5 }], c: [{ latencyMs: 4, costUsd: 4 }] };
    // g has no curve (a choice step); fuse() refuses every run.
    const curve = composeFrontier(seriesOf(leaf('a'), leaf('g'), leaf('c')), (s) => curveOf(s, own[s]), NONE, options({}))!;
    assert.deepEqual(numbers(curve), [{ latencyMs: 9, costUsd: 9 }]);
  });

  it('gives up (undefined) when a fused series runs over the budget', () => {
    const own = { a: single.a!, b: single.b! };
    const fused = { 'a+b': [{ latencyMs: 12, costUsd: 12 }] };
    assert.equal(composeFrontier(seriesOf(leaf('a'), leaf('b')), (s) => curveOf(s, own[s as 'a']), NONE, options(fused, undefined, { budget: { left: 1 } })), undefined);
    const budget = { left: 1000 };
    assert.ok(composeFrontier(seriesOf(leaf('a'), leaf('b')), (s) => curveOf(s, own[s as 'a']), NONE, options(fused, undefined, { budget })));
    assert.ok(budget.left < 1000);
  });
});

describe('composeFrontier edge cases', () => {
  it('gives an empty workflow (no tree, or only steps that run nothing) one free point carrying the empty choice', () => {
    const none = composeFrontier<Pick>(seriesOf(leaf('g')), () => undefined, NONE, { epsilon: 0, maxLatencyMs: Infinity, budget: { left: Infinity } })!;
    assert.deepEqual(numbers(none), [{ latencyMs: 0, costUsd: 0 }]);
    assert.deepEqual(materialize(none[0]!.choice), [NONE]);
  });

  it('charges a parallel the points it merges and keeps going while the budget is not below zero', () => {
    const own: Record<string, Option[]> = { a: [{ latencyMs: 1, costUsd: 9 }, { latencyMs: 2, costUsd: 5 }], b: [{ latencyMs: 1, costUsd: 9 }, { latencyMs: 2, costUsd: 5 }] };
    const leafCurve = (s: string) => curveOf(s, own[s]);
    const base = { epsilon: 0, maxLatencyMs: Infinity };
    const spent = (tree: SpTree): number => {
      const budget = { left: 1000 };
      composeFrontier<Pick>(tree, leafCurve, NONE, { ...base, budget });
      return 1000 - budget.left;
    };
    // Parallel: the merged curve (1/18, 2/10: 2 points) plus the curve merged into it (2 points) = 4.
    assert.equal(spent(parallelOf(leaf('a'), leaf('b'))), 4);
    assert.ok(spent(seriesOf(leaf('a'), leaf('b'))) > 0, 'a series is charged the pairs it formed');
    assert.equal(composeFrontier<Pick>(parallelOf(leaf('a'), leaf('b')), leafCurve, NONE, { ...base, budget: { left: 3 } }), undefined);
    assert.ok(composeFrontier<Pick>(parallelOf(leaf('a'), leaf('b')), leafCurve, NONE, { ...base, budget: { left: 4 } }));
  });

  it('unites frontiers into their Pareto set', () => {
    const x = [leafPoint(10, 5, 'x1'), leafPoint(30, 1, 'x2')];
    const y = [leafPoint(5, 8, 'y1'), leafPoint(20, 4, 'y2'), leafPoint(40, 2, 'y3')];
    const union = unionFrontier([x, y], 0);
    assert.deepEqual(union.map((p) => materialize(p.choice)[0]), ['y1', 'x1', 'y2', 'x2']);
  });

  it('keeps a point exactly at maxLatencyMs and drops the ones past it', () => {
    const own: Record<string, Option[]> = { a: [{ latencyMs: 10, costUsd: 9 }, { latencyMs: 20, costUsd: 4 }], b: [{ latencyMs: 5, costUsd: 6 }, { latencyMs: 15, costUsd: 2 }] };
    // a;b exactly: 15/15, 25/10, 35/6; a bound of 25 keeps 25/10.
    const curve = composeFrontier<Pick>(seriesOf(leaf('a'), leaf('b')), (s) => curveOf(s, own[s]), NONE, { epsilon: 0, maxLatencyMs: 25, budget: { left: Infinity } });
    assert.deepEqual(numbers(curve), [{ latencyMs: 15, costUsd: 15 }, { latencyMs: 25, costUsd: 10 }]);
  });
});
