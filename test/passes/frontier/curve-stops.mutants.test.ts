// Where curve.ts's merges stop early, and the 'join' nodes of a choice tree (frontier-sizing.ts builds them
// around a fixing of the shared functions), on curves small enough to work out by hand: parallel's sweep
// stops reading at the latency bound, parallel's bound is closed (a point exactly at it stays and can still
// be replaced at its latency), series' merge stops at the first pair that reaches the floor cost even when
// doubles round a dearer pair onto it, parallel breaks a latency tie between its curves first-curve-first
// (which pair is kept when sums round equal), and materialize walks join parts in order.
import assert from 'node:assert/strict';
import { leafPoint, materialize, parallel, series, type ChoiceTree, type CurvePoint } from '../../../src/passes/frontier/curve.ts';

const numbers = (c: ReadonlyArray<CurvePoint<string>>) => c.map((p) => [p.latencyMs, p.costUsd]);
const names = (c: ReadonlyArray<CurvePoint<string>>) => c.map((p) => materialize(p.choice).join('+'));

/** A point whose every field throws when read: stands for the part of a curve a merge must never look at. */
function unreadable(): CurvePoint<string> {
  const fail = (): never => {
    throw new Error('read a point past the latency bound');
  };
  return {
    get latencyMs(): number {
      return fail();
    },
    get costUsd(): number {
      return fail();
    },
    get choice(): ChoiceTree<string> {
      return fail();
    },
  };
}

describe('curve merges that stop early (mutants)', () => {
  it('parallel stops its sweep once two points are kept and the last is over the bound, never reading past it', () => {
    // Sweep: a0 (10) pairs with nothing yet; b0 (10) pairs with a0: 10/17 kept; a1 (20) pairs with b0: 20/13 kept, the
    // second point and over the bound 15, so nothing later can survive the cut: stop before a[2]. Cut: [10/17].
    const a = [leafPoint(10, 9, 'a0'), leafPoint(20, 5, 'a1'), unreadable(), unreadable()];
    const b = [leafPoint(10, 8, 'b0'), leafPoint(40, 1, 'b1')];
    const both = parallel(a, b, 0, 15);
    assert.deepEqual(numbers(both), [[10, 17]]);
    assert.deepEqual(names(both), ['a0+b0']);
  });

  it('parallel keeps a point exactly at the bound and lets the cheaper pair of the same latency replace it', () => {
    // All pairs (max latency, summed cost): a0+b0 10/9, a0+b1 20/7, a1+b0 20/5, a1+b1 20/3. Both curves reach 20, the
    // bound itself: the sweep forms a1+b0 20/5 first and must go on to a1+b1 20/3, which is within the bound.
    const a = [leafPoint(10, 5, 'a0'), leafPoint(20, 1, 'a1')];
    const b = [leafPoint(10, 4, 'b0'), leafPoint(20, 2, 'b1')];
    const both = parallel(a, b, 0, 20);
    assert.deepEqual(numbers(both), [[10, 9], [20, 3]]);
    assert.deepEqual(names(both), ['a0+b0', 'a1+b1']);
  });

  it('series stops at the first pair whose summed cost rounds to the floor cost, forming no pair after it', () => {
    // a's costs 3e-17 and 1e-17 are under half an ulp of 1 (1.1e-16), so in doubles a0+b1 and a1+b1 both cost exactly
    // 1, the floor (cheapest of a + cheapest of b). Pairs in latency order: a0+b0 2/2 kept, a0+b1 3/1 kept and at
    // the floor: stop. Two pairs; without the stop a1+b0 (11) is formed too before a1's list is dropped.
    const a = [leafPoint(1, 3e-17, 'a0'), leafPoint(10, 1e-17, 'a1')];
    const b = [leafPoint(1, 2, 'b0'), leafPoint(2, 1, 'b1')];
    assert.equal(3e-17 + 1, 1e-17 + 1, 'the two sums round to the same double');
    const work = { pairs: 0 };
    const sum = series(a, b, 0, work);
    assert.deepEqual(numbers(sum), [[2, 2], [3, 1]]);
    assert.deepEqual(names(sum), ['a0+b0', 'a0+b1']);
    assert.equal(work.pairs, 2);
  });
});

describe('parallel on a latency tie between its curves (mutants)', () => {
  it('takes the first curve\'s point first, so of two pairs whose costs round to the same double it keeps that one', () => {
    // a's costs are under half an ulp of b's (1.1e-16 at 1, 2.2e-16 at 2), so every sum rounds to b's cost. Both curves
    // reach 5 and 10. At 5: a0+b0 costs 2. At 10, a first: a1+b0 costs 2 (not cheaper), then b1 with a1: a1+b1 costs 1,
    // kept. Taking b1 first would form a0+b1, also 1, keep it, and then drop a1+b1 as not cheaper.
    const a = [leafPoint(5, 3e-17, 'a0'), leafPoint(10, 1e-17, 'a1')];
    const b = [leafPoint(5, 2, 'b0'), leafPoint(10, 1, 'b1')];
    assert.equal(3e-17 + 1, 1e-17 + 1, 'a0+b1 and a1+b1 cost the same double');
    const both = parallel(a, b);
    assert.deepEqual(numbers(both), [[5, 2], [10, 1]]);
    assert.deepEqual(names(both), ['a0+b0', 'a1+b1']);
  });
});

describe('materialize of join nodes (mutants)', () => {
  it('lists every part of a join left to right, through nested joins and pairs', () => {
    const leaf = (payload: string): ChoiceTree<string> => ({ kind: 'leaf', payload });
    const tree: ChoiceTree<string> = {
      kind: 'join',
      parts: [leaf('p'), { kind: 'pair', first: leaf('q'), second: { kind: 'join', parts: [leaf('r'), leaf('s')] } }, leaf('t')],
    };
    assert.deepEqual(materialize(tree), ['p', 'q', 'r', 's', 't']);
  });

  it('a join of one part is that part, and a join of none has no leaves', () => {
    assert.deepEqual(materialize<string>({ kind: 'join', parts: [{ kind: 'leaf', payload: 'only' }] }), ['only']);
    assert.deepEqual(materialize<string>({ kind: 'join', parts: [] }), []);
  });
});
