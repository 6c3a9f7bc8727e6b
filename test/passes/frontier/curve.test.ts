import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cheapestWithin, choice, epsilonPrune, leafPoint, materialize, parallel, pareto, series, type CurvePoint } from '../../../src/passes/frontier/curve.ts';

type Option = { latencyMs: number; costUsd: number; name: string };

const optionList = fc.array(
  fc.record({ latencyMs: fc.integer({ min: 1, max: 1000 }), costUsd: fc.integer({ min: 1, max: 1000 }) }),
  { minLength: 1, maxLength: 6 },
);

const curveOf = (options: Array<{ latencyMs: number; costUsd: number }>, tag: string) =>
  pareto(options.map((o, i) => leafPoint(o.latencyMs, o.costUsd, { ...o, name: `${tag}${i}` } as Option)));

function assertPareto(curve: ReadonlyArray<CurvePoint<Option>>) {
  for (let i = 1; i < curve.length; i += 1) {
    assert.ok(curve[i]!.latencyMs > curve[i - 1]!.latencyMs || curve[i]!.costUsd < curve[i - 1]!.costUsd);
    assert.ok(curve[i]!.costUsd < curve[i - 1]!.costUsd, 'a slower point must be cheaper');
  }
}

/** Brute force: the cheapest combination within a latency bound. */
function bruteCheapest(a: Option[], b: Option[], bound: number, combine: (x: number, y: number) => number): number | undefined {
  let best: number | undefined;
  for (const x of a) for (const y of b) {
    if (combine(x.latencyMs, y.latencyMs) <= bound && (best === undefined || x.costUsd + y.costUsd < best)) best = x.costUsd + y.costUsd;
  }
  return best;
}

describe('frontier curves', () => {
  it('pareto drops every dominated point', () => {
    const curve = pareto([leafPoint(10, 5, 'a'), leafPoint(12, 6, 'b'), leafPoint(20, 1, 'c'), leafPoint(5, 9, 'd')]);
    assert.deepEqual(curve.map((p) => materialize(p.choice)[0]), ['d', 'a', 'c']);
  });

  for (const [name, op, combine] of [
    ['series', series, (x: number, y: number) => x + y],
    ['parallel', parallel, (x: number, y: number) => Math.max(x, y)],
  ] as const) {
    it(`${name} finds the true cheapest combination for every latency bound (exact, eps = 0)`, () => {
      fc.assert(
        fc.property(optionList, optionList, fc.integer({ min: 1, max: 2000 }), (a, b, bound) => {
          const oa = a.map((o, i) => ({ ...o, name: `a${i}` }));
          const ob = b.map((o, i) => ({ ...o, name: `b${i}` }));
          const curve = op(curveOf(a, 'a'), curveOf(b, 'b'));
          assertPareto(curve);
          const point = cheapestWithin(curve, bound);
          const truth = bruteCheapest(oa, ob, bound, combine);
          assert.equal(point?.costUsd, truth);
          if (point) {
            const [x, y] = materialize(point.choice);
            assert.equal(combine(x!.latencyMs, y!.latencyMs), point.latencyMs, 'the recorded choice reproduces the point');
          }
        }),
        { numRuns: 300, seed: 42 },
      );
    });
  }

  it('epsilon pruning loses no cost at a (1 + eps) looser bound', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ latencyMs: fc.integer({ min: 1, max: 10_000 }), costUsd: fc.integer({ min: 1, max: 10_000 }) }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 10_000 }), (options, bound) => {
        const full = curveOf(options, 'x');
        const pruned = epsilonPrune(full, 0.05);
        assert.ok(pruned.length <= full.length);
        const exact = cheapestWithin(full, bound);
        if (exact) {
          const approx = cheapestWithin(pruned, bound * 1.05);
          assert.ok(approx && approx.costUsd <= exact.costUsd);
        }
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('bounds a pruned curve over a wide latency range to O(log range / eps) points', () => {
    const points = Array.from({ length: 5000 }, (_, i) => leafPoint(1 + i, 5000 - i, i));
    const pruned = epsilonPrune(pareto(points), 0.01);
    assert.ok(pruned.length <= Math.ceil(Math.log(5000) / Math.log(1.01)) + 1, `${pruned.length} points`);
  });

  it('choice weights costs by probability and bounds latency by the slowest branch', () => {
    const fast = [leafPoint(100, 10, 'fast')];
    const slow = [leafPoint(300, 2, 'slow')];
    const [point] = choice([{ curve: fast, probability: 0.25 }, { curve: slow, probability: 0.75 }]);
    assert.equal(point?.latencyMs, 300);
    assert.equal(point?.costUsd, 0.25 * 10 + 0.75 * 2);
    assert.deepEqual(materialize(point!.choice).sort(), ['fast', 'slow']);
  });
});
