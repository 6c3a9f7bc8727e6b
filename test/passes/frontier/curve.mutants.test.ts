// Cost–latency curve operations on curves small enough to work out by hand (the brute-force
// properties are in curve.test.ts): ties, the ε bands, the pairs a series merge forms, and the
// order in which choices come back.
import assert from 'node:assert/strict';
import { cheapestWithin, choice, epsilonPrune, leafPoint, materialize, parallel, pareto, series, type Curve } from '../../../src/passes/frontier/curve.ts';

const curve = (...points: Array<[number, number, string]>) => points.map(([latencyMs, costUsd, name]) => leafPoint(latencyMs, costUsd, name));
const numbers = (c: Curve<string>) => c.map((p) => [p.latencyMs, p.costUsd]);
const names = (c: Curve<string>) => c.map((p) => materialize(p.choice).join('+'));

describe('frontier curves, worked by hand', () => {
  it('pareto keeps the first of two equal points, and of equal costs only the fastest', () => {
    assert.deepEqual(names(pareto(curve([10, 5, 'x'], [10, 5, 'y']))), ['x']);
    assert.deepEqual(names(pareto(curve([12, 5, 'slow'], [10, 5, 'fast'], [10, 7, 'dear']))), ['fast']);
    assert.deepEqual(pareto([]), []);
  });

  it('epsilonPrune keeps the last (cheapest) point of each band and starts a band where a point is more than (1 + ε) slower', () => {
    const full = curve([10, 9, 'a'], [14, 8, 'b'], [15, 7, 'c'], [16, 6, 'd'], [40, 1, 'e']);
    // ε = 0.5: band from 10 reaches 15 (c, the last within it); 16 > 15 opens a band, which reaches 24; 40 opens another.
    assert.deepEqual(names(epsilonPrune(full, 0.5)), ['c', 'd', 'e']);
    assert.deepEqual(names(epsilonPrune(full, 0.6)), ['d', 'e']);
  });

  it('epsilonPrune returns a copy of the curve, unpruned, for ε ≤ 0 or at most two points', () => {
    const full = curve([10, 9, 'a'], [11, 8, 'b'], [12, 7, 'c']);
    for (const eps of [0, -1]) {
      const same = epsilonPrune(full, eps);
      assert.deepEqual(names(same), ['a', 'b', 'c']);
      assert.notEqual(same, full);
    }
    assert.deepEqual(names(epsilonPrune(full.slice(0, 2), 0.5)), ['a', 'b']);
    assert.deepEqual(names(epsilonPrune(full, 0.5)), ['c']);
  });

  it('series forms the pairs in latency order, stops at the cheapest possible sum, and counts the pairs it formed', () => {
    const a = curve([10, 9, 'a1'], [20, 4, 'a2']);
    const b = curve([5, 6, 'b1'], [15, 2, 'b2']);
    // Pairs popped: a1+b1 15/15 (kept), a2+b1 25/10 (kept; it beats a1+b2 25/11 on cost), a1+b2 25/11 (not cheaper),
    // a2+b2 35/6 (kept, and 6 is the floor 4 + 2: stop). Four pairs.
    const work = { pairs: 0 };
    const sum = series(a, b, 0, work);
    assert.deepEqual(numbers(sum), [[15, 15], [25, 10], [35, 6]]);
    assert.deepEqual(names(sum), ['a1+b1', 'a2+b1', 'a2+b2']);
    assert.equal(work.pairs, 4);
    series(a, b, 0, work);
    assert.equal(work.pairs, 8, 'counts add up over calls');
  });

  it('series gives the same sums whichever curve is longer, and nothing for an empty curve', () => {
    const long = curve([1, 30, 'l1'], [2, 20, 'l2'], [4, 10, 'l3']);
    const short = curve([10, 5, 's1']);
    assert.deepEqual(numbers(series(long, short)), [[11, 35], [12, 25], [14, 15]]);
    assert.deepEqual(numbers(series(short, long)), [[11, 35], [12, 25], [14, 15]]);
    assert.deepEqual(series(long, []), []);
    assert.deepEqual(series([], short), []);
  });

  it('series prunes on an ε grid as it merges, keeping the cheapest point of each band', () => {
    const a = curve([10, 9, 'a1'], [20, 4, 'a2']);
    const b = curve([5, 6, 'b1'], [15, 2, 'b2']);
    // Exact: 15/15, 25/10, 35/6. ε = 0.5: 25 > 22.5 opens a band that 35 ≤ 37.5 joins, so 35/6 replaces 25/10.
    assert.deepEqual(numbers(series(a, b, 0.5)), [[15, 15], [35, 6]]);
    // ε = 1: 25 ≤ 30 joins the first band (replacing 15/15), which then starts at 15 still, so 35 > 30 opens another.
    assert.deepEqual(numbers(series(a, b, 1)), [[25, 10], [35, 6]]);
  });

  it('parallel keeps the slower latency, adds costs, replaces a point of equal latency and prunes on an ε grid', () => {
    const a = curve([10, 9, 'a1'], [20, 4, 'a2'], [40, 1, 'a3']);
    const c = curve([8, 7, 'c1'], [30, 3, 'c2']);
    assert.deepEqual(numbers(parallel(a, c)), [[10, 16], [20, 11], [30, 7], [40, 4]]);
    assert.deepEqual(names(parallel(a, c)), ['a1+c1', 'a2+c1', 'a2+c2', 'a3+c2']);
    // ε = 0.6: 20 > 16 opens a band from 20 that reaches 32: 30/7 replaces 20/11; 40 opens another.
    assert.deepEqual(numbers(parallel(a, c, 0.6)), [[10, 16], [30, 7], [40, 4]]);
    // Equal latencies on both sides: the later, cheaper sum replaces the earlier one.
    assert.deepEqual(numbers(parallel(curve([5, 9, 'x1'], [7, 1, 'x2']), curve([5, 9, 'y1'], [7, 1, 'y2']))), [[5, 18], [7, 2]]);
    assert.deepEqual(parallel(a, []), []);
  });

  it('choice of no branches is empty, and one branch is that branch weighed by its probability', () => {
    assert.deepEqual(choice([]), []);
    assert.deepEqual(numbers(choice([{ curve: curve([10, 8, 'x'], [20, 4, 'y']), probability: 0.5 }])), [[10, 4], [20, 2]]);
  });

  it('cheapestWithin takes the last point at or under the bound', () => {
    const c = curve([10, 9, 'a'], [20, 4, 'b'], [40, 1, 'c']);
    assert.equal(cheapestWithin(c, 9), undefined);
    assert.equal(materialize(cheapestWithin(c, 10)!.choice)[0], 'a');
    assert.equal(materialize(cheapestWithin(c, 39)!.choice)[0], 'b');
    assert.equal(materialize(cheapestWithin(c, 40)!.choice)[0], 'c');
    assert.equal(cheapestWithin([], 100), undefined);
  });

  it('materialize lists the leaves of nested joins left to right', () => {
    const [ab] = series(curve([1, 1, 'a']), curve([1, 1, 'b']));
    const [abc] = parallel([ab!], curve([1, 1, 'c']));
    assert.deepEqual(materialize(abc!.choice), ['a', 'b', 'c']);
    const [cab] = parallel(curve([1, 1, 'c']), [ab!]);
    assert.deepEqual(materialize(cab!.choice), ['c', 'a', 'b']);
  });
});
