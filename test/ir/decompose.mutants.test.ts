// More tests of decompose (kept apart from decompose.test.ts so that Stryker's incremental run, which
// treats a changed test file as all its tests changed, re-tests only what these tests cover).
import assert from 'node:assert/strict';
import { decompose } from '../../src/ir/decompose.ts';
import { formatSpTree } from '../../src/ir/sp-tree.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('decompose (irreducible remainders)', () => {
  it('reports irreducible edges of two sources grouped by source, each source\'s targets in name order', () => {
    // Two Ns side by side: b→y and z→e remain. Sorted by target alone z→e would come first.
    const twoNs = decompose(irOf({ a: [], b: [], y: ['a', 'b'], d: ['b'], w: [], z: [], e: ['w', 'z'], f: ['z'] }));
    assert.ok(!twoNs.ok);
    assert.deepEqual(twoNs.offendingEdges, [
      { from: 'b', to: 'y' },
      { from: 'z', to: 'e' },
    ]);
    // a fans out to b..f; b and e fold into a→g and c into a→sink; a→f is implied by a→d→f and dropped,
    // then f folds into d→sink. What remains is a→d, a→g (the folded paths via b and e) and d→g; a
    // comparator that ignored the targets of one source would give a→g before a→d here.
    const fan = decompose(irOf({ a: [], b: ['a'], c: ['a'], d: ['a'], e: ['a'], f: ['a', 'd'], g: ['b', 'd', 'e'] }));
    assert.ok(!fan.ok);
    assert.deepEqual(fan.offendingEdges, [
      { from: 'a', to: 'd' },
      { from: 'a', to: 'g' },
      { from: 'd', to: 'g' },
    ]);
  });

  it('is not reduced while an irreducible part remains beside a part that folded all the way', () => {
    // p alone folds into the source → sink edge; the N a → c ← b → d beside it does not reduce.
    const result = decompose(irOf({ p: [], a: [], b: [], c: ['a', 'b'], d: ['b'] }));
    assert.ok(!result.ok);
    assert.deepEqual(result.offendingEdges, [{ from: 'b', to: 'c' }]);
  });

  it('turns a choice\'s branch weights into probabilities: scaled to sum to 1, or split evenly when they are all 0', () => {
    const shape = { s: [], g: ['s'], x: ['g'], y: ['g'], j: ['x', 'y'] };
    // 0.375 and 0.125 sum to 0.5: as probabilities 0.75 and 0.25 (exact in binary floating point).
    const scaled = decompose(irOf(shape, { g: { choice: { x: 0.375, y: 0.125 } } }));
    assert.ok(scaled.ok);
    assert.equal(formatSpTree(scaled.tree), 's;g;g?{0.75:x,0.25:y};j');
    const zero = decompose(irOf(shape, { g: { choice: { x: 0, y: 0 } } }));
    assert.ok(zero.ok);
    assert.equal(formatSpTree(zero.tree), 's;g;g?{0.5:x,0.5:y};j');
  });

  it('puts a choice\'s empty branch (straight to the join) before every other branch, whatever the step ids', () => {
    // 'A' sorts before every lower-case id, and after the empty branch, whose first step is none.
    const result = decompose(irOf({ s: [], g: ['s'], A: ['g'], j: ['g', 'A'] }, { g: { choice: { A: 0.25, j: 0.75 } } }));
    assert.ok(result.ok);
    assert.equal(formatSpTree(result.tree), 's;g;g?{0.75:∅,0.25:A};j');
  });
});
