// hasAdjacentN, the cheap proof that a DAG is not series-parallel: a true answer must be a proof, so
// it compares only predecessors one depth up (those two depths up may differ in an SP DAG), and it
// tells predecessor sets apart by the ids themselves, not by their concatenation.
import assert from 'node:assert/strict';
import { decompose } from '../../src/ir/decompose.ts';
import { hasAdjacentN, longestDepths, toSeriesParallel } from '../../src/ir/series-parallelize.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('hasAdjacentN (mutants)', () => {
  it('finds no N where two successors differ only in a predecessor two depths up, and leaves that SP DAG alone', () => {
    // x → a → c, a → d, x → d: the edge x → d is implied by x → a → d, so the DAG is series-parallel.
    const ir = irOf({ x: [], a: ['x'], c: ['a'], d: ['a', 'x'] });
    assert.ok(decompose(ir).ok, 'precondition: series-parallel');
    assert.equal(hasAdjacentN(ir, longestDepths(ir)), false);
    const result = toSeriesParallel(ir);
    assert.equal(result.ir, ir);
    assert.deepEqual(result.joins, []);
  });

  it('tells the predecessor sets {p, qr} and {p, q, r} apart although their ids concatenate alike', () => {
    // p → c, qr → c, p → e, q → e, r → e: p, qr, c, e form an N (qr does not reach e).
    const ir = irOf({ p: [], q: [], r: [], qr: [], c: ['p', 'qr'], e: ['p', 'q', 'r'] });
    assert.equal(hasAdjacentN(ir, longestDepths(ir)), true);
  });
});
