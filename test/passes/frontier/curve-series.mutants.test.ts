// series() and parallel() on curves long enough to exercise series' heap (three or more lists, where
// the heap has a second child to compare), against a brute force over every pair written here, and
// the ε band's closed boundary (a point exactly (1 + ε) times the band's start joins the band).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { choice, leafPoint, materialize, parallel, series, type Curve } from '../../../src/passes/frontier/curve.ts';

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
  it('series breaks an exact tie of latency and cost in favour of the faster point of its first curve', () => {
    // All sums worked out: (4,18) (7,16)×2 (8,14) (9,13) (10,14) (11,12) (12,11) (13,9); the tie at 7/16 is a0+b1 and a1+b0.
    const a = tagged([{ latencyMs: 2, costUsd: 9 }, { latencyMs: 5, costUsd: 7 }, { latencyMs: 7, costUsd: 4 }], 'a');
    const b = tagged([{ latencyMs: 2, costUsd: 9 }, { latencyMs: 5, costUsd: 7 }, { latencyMs: 6, costUsd: 5 }], 'b');
    const sum = series(a, b);
    assert.deepEqual(sum.map((p) => [p.latencyMs, p.costUsd]), [[4, 18], [7, 16], [8, 14], [9, 13], [11, 12], [12, 11], [13, 9]]);
    assert.equal(materialize(sum[1]!.choice).join('+'), 'a0+b1');
    // (9,8) is both a1+b2 and a2+b1; the other sums: (5,15) (6,12) (6,13) (7,10) (8,10) (8,11) (11,6).
    const c = tagged([{ latencyMs: 2, costUsd: 7 }, { latencyMs: 3, costUsd: 5 }, { latencyMs: 5, costUsd: 3 }], 'a');
    const d = tagged([{ latencyMs: 3, costUsd: 8 }, { latencyMs: 4, costUsd: 5 }, { latencyMs: 6, costUsd: 3 }], 'b');
    const other = series(c, d);
    assert.deepEqual(other.map((p) => [p.latencyMs, p.costUsd]), [[5, 15], [6, 12], [7, 10], [9, 8], [11, 6]]);
    assert.equal(materialize(other[3]!.choice).join('+'), 'a1+b2');
  });

  it('parallel keeps a point exactly (1 + ε) times its band’s start in that band', () => {
    // a0 with b0: (10, 11) opens a band; b1 with a0: (20, 7), exactly 10 · (1 + 1), replaces it.
    const a = tagged([{ latencyMs: 10, costUsd: 5 }], 'a');
    const b = tagged([{ latencyMs: 5, costUsd: 6 }, { latencyMs: 20, costUsd: 2 }], 'b');
    assert.deepEqual(parallel(a, b, 1).map((p) => [p.latencyMs, p.costUsd]), [[20, 7]]);
    assert.deepEqual(parallel(a, b, 0.99).map((p) => [p.latencyMs, p.costUsd]), [[10, 11], [20, 7]]);
  });

  it('a choice branch of probability 0 adds no slower point of equal cost', () => {
    // Weighted, the second branch costs 0 at every latency: pairs (1, 4) and (2, 2) with its first point; its
    // second point (3) would give (3, 2), dominated by (2, 2).
    const taken = tagged([{ latencyMs: 1, costUsd: 4 }, { latencyMs: 2, costUsd: 2 }], 'a');
    const never = tagged([{ latencyMs: 1, costUsd: 6 }, { latencyMs: 3, costUsd: 4 }], 'b');
    const both = choice([{ curve: taken, probability: 1 }, { curve: never, probability: 0 }]);
    assert.deepEqual(both.map((p) => [p.latencyMs, p.costUsd]), [[1, 4], [2, 2]]);
  });
  it('series stops walking a list whose cheapest possible sum cannot beat the kept cost (five pairs, not six)', () => {
    // The shorter curve s = [(3,5), (6,2)] drives the heap over l = [(3,8), (6,6), (7,5)] (cheapest 5). Pops: s0+l0
    // 6/13 kept; s1+l0 9/10 kept; s0+l1 9/11 not cheaper, and s0 can reach at best 5 + 5 = 10, not under 10: its
    // list is dropped (s0+l2 10/10 is never formed); s1+l1 12/8 kept; s1+l2 13/7 kept, the floor 2 + 5: stop.
    const long = tagged([{ latencyMs: 3, costUsd: 8 }, { latencyMs: 6, costUsd: 6 }, { latencyMs: 7, costUsd: 5 }], 'a');
    const short = tagged([{ latencyMs: 3, costUsd: 5 }, { latencyMs: 6, costUsd: 2 }], 'b');
    const work = { pairs: 0 };
    const sum = series(long, short, 0, work);
    assert.deepEqual(sum.map((p) => [p.latencyMs, p.costUsd]), [[6, 13], [9, 10], [12, 8], [13, 7]]);
    assert.equal(work.pairs, 5);
  });
});
