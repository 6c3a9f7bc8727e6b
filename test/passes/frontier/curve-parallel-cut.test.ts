import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cutLength, leafPoint, materialize, parallel, pareto, series, type Curve } from '../../../src/passes/frontier/curve.ts';

// parallel(a, b, eps, max) stops its sweep once nothing later survives the cut at max: it must give exactly what
// the full sweep cut afterwards gives (compose.ts relied on the latter, so plans stay byte-identical).
const curveArb = (tag: string) =>
  fc
    .array(fc.record({ latencyMs: fc.integer({ min: 1, max: 400 }), costUsd: fc.integer({ min: 1, max: 400 }) }), { minLength: 1, maxLength: 30 })
    .map((options) => pareto(options.map((o, i) => leafPoint(o.latencyMs, o.costUsd, `${tag}${i}`))));

const flat = (curve: Curve<string>) => curve.map((p) => [p.latencyMs, p.costUsd, materialize(p.choice).join(',')]);

describe('parallel cut at a latency bound', () => {
  it('gives the points, costs and choices of the full sweep cut afterwards, for every bound and ε', () => {
    fc.assert(
      fc.property(curveArb('a'), curveArb('b'), fc.integer({ min: 0, max: 500 }), fc.constantFrom(0, 0.05, 0.2, 1), (a, b, maxLatencyMs, eps) => {
        const full = parallel(a, b, eps);
        const expected = full.slice(0, cutLength(full, maxLatencyMs));
        assert.deepEqual(flat(parallel(a, b, eps, maxLatencyMs)), flat(expected));
      }),
      { numRuns: 500, seed: 21 },
    );
  });

  it('keeps the fastest point even when every point is over the bound', () => {
    const a = [leafPoint(50, 2, 'a0')];
    const b = [leafPoint(40, 3, 'b0'), leafPoint(60, 1, 'b1')];
    assert.deepEqual(flat(parallel(a, b, 0, 10)), [[50, 5, 'a0,b0']]);
  });

  it('cutLength keeps the prefix at or under the bound, and the fastest point when every point is over it', () => {
    const curve = [leafPoint(1, 9, 'x'), leafPoint(5, 4, 'y'), leafPoint(9, 1, 'z')];
    assert.equal(cutLength(curve, 5), 2);
    assert.equal(cutLength(curve, 9), 3);
    assert.equal(cutLength(curve, 0), 1);
    assert.equal(curve.length, 3, 'the curve itself is left as it was');
  });
});

describe('composed choices', () => {
  it('materialize lists a composed point\'s leaves left to right through nested series and parallel nodes', () => {
    const a = [leafPoint(1, 1, 'a')];
    const b = [leafPoint(2, 1, 'b')];
    const c = [leafPoint(3, 1, 'c')];
    const [point] = series(parallel(a, b), c);
    assert.deepEqual(materialize(point!.choice), ['a', 'b', 'c']);
    const [swapped] = parallel(c, series(b, a));
    assert.deepEqual(materialize(swapped!.choice), ['c', 'b', 'a']);
  });
});
