// series() and parallel() on curves long enough to exercise series' heap (three or more lists, where
// the heap has a second child to compare), against a brute force over every pair written here, and
// the ε band's closed boundary (a point exactly (1 + ε) times the band's start joins the band).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { leafPoint, materialize, parallel, series, type Curve } from '../../../src/passes/frontier/curve.ts';

interface Option {
  latencyMs: number;
  costUsd: number;
}

/** A Pareto curve of 3–8 points: latencies strictly rising, costs strictly falling (integers, so sums are exact). */
const paretoCurve = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })), { minLength: 3, maxLength: 8 })
  .map((steps) => {
    let latencyMs = 0;
    let costUsd = 1 + steps.reduce((sum, [, dc]) => sum + dc, 0);
    return steps.map(([dl, dc]) => {
      latencyMs += dl;
      costUsd -= dc;
      return { latencyMs, costUsd };
    });
  });

const tagged = (options: Option[], tag: string): Curve<string> => options.map((o, i) => leafPoint(o.latencyMs, o.costUsd, `${tag}${i}`));

/** Every pair combined, then the Pareto set (ascending latency, strictly falling cost). */
function bruteForce(a: Option[], b: Option[], latency: (x: number, y: number) => number): Option[] {
  const all: Option[] = [];
  for (const x of a) for (const y of b) all.push({ latencyMs: latency(x.latencyMs, y.latencyMs), costUsd: x.costUsd + y.costUsd });
  all.sort((p, q) => p.latencyMs - q.latencyMs || p.costUsd - q.costUsd);
  const front: Option[] = [];
  for (const p of all) if (front.length === 0 || p.costUsd < front[front.length - 1]!.costUsd) front.push(p);
  return front;
}

function assertChoicesReproduce(curve: Curve<string>, a: Option[], b: Option[], latency: (x: number, y: number) => number): void {
  for (const point of curve) {
    const picks = materialize(point.choice);
    assert.equal(picks.length, 2);
    const pa = picks.find((p) => p.startsWith('a'))!;
    const pb = picks.find((p) => p.startsWith('b'))!;
    const x = a[Number(pa.slice(1))]!;
    const y = b[Number(pb.slice(1))]!;
    assert.equal(latency(x.latencyMs, y.latencyMs), point.latencyMs);
    assert.equal(x.costUsd + y.costUsd, point.costUsd);
  }
}

describe('series and parallel on longer curves (mutants)', () => {
  it('series equals the brute-force Pareto set of all sums for curves of 3 to 8 points', () => {
    const add = (x: number, y: number) => x + y;
    fc.assert(
      fc.property(paretoCurve, paretoCurve, (a, b) => {
        const sum = series(tagged(a, 'a'), tagged(b, 'b'));
        assert.deepEqual(sum.map((p) => ({ latencyMs: p.latencyMs, costUsd: p.costUsd })), bruteForce(a, b, add));
        assertChoicesReproduce(sum, a, b, add);
      }),
      { numRuns: 200, seed: 26 },
    );
  });

  it('parallel equals the brute-force Pareto set of all (max latency, summed cost) pairs', () => {
    fc.assert(
      fc.property(paretoCurve, paretoCurve, (a, b) => {
        const both = parallel(tagged(a, 'a'), tagged(b, 'b'));
        assert.deepEqual(both.map((p) => ({ latencyMs: p.latencyMs, costUsd: p.costUsd })), bruteForce(a, b, Math.max));
        assertChoicesReproduce(both, a, b, Math.max);
      }),
      { numRuns: 200, seed: 26 },
    );
  });

  it('series keeps a point exactly (1 + ε) times its band’s start in that band', () => {
    // Sums: 5 + 5 = 10 (cost 15) opens a band; 5 + 15 = 20 (cost 11) is exactly 10 · (1 + 1): it replaces it.
    const a = tagged([{ latencyMs: 5, costUsd: 9 }], 'a');
    const b = tagged([{ latencyMs: 5, costUsd: 6 }, { latencyMs: 15, costUsd: 2 }], 'b');
    assert.deepEqual(series(a, b, 1).map((p) => [p.latencyMs, p.costUsd]), [[20, 11]]);
    // Just past the boundary (ε slightly under 1) the two sums stay in separate bands.
    assert.deepEqual(series(a, b, 0.99).map((p) => [p.latencyMs, p.costUsd]), [[10, 15], [20, 11]]);
  });
});
