import assert from 'node:assert/strict';
import { parallelBranchHeads } from '../../src/sim/parallel-branches.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('parallelBranchHeads (the branches that start staggered)', () => {
  it('takes every branch of a fork but the first by step id', () => {
    // a forks into d, b, c (ids sorted: b first).
    const ir = irOf({ a: [], d: ['a'], b: ['a'], c: ['a'], e: ['b', 'c', 'd'] });
    assert.deepEqual([...parallelBranchHeads(ir)].sort(), ['c', 'd']);
  });

  it('has none for a chain, nor for a step with one successor', () => {
    assert.deepEqual([...parallelBranchHeads(irOf({ a: [], b: ['a'], c: ['b'] }))], []);
  });

  it('does not count a successor that also waits for another step as a branch head', () => {
    // a forks into b and c; c also needs x, so it is a join, not a branch a starts: b is the only branch, the first.
    const ir = irOf({ a: [], x: [], b: ['a'], c: ['a', 'x'] });
    assert.deepEqual([...parallelBranchHeads(ir)], []);
    // With a third branch d, d is the second branch.
    const three = irOf({ a: [], x: [], b: ['a'], c: ['a', 'x'], d: ['a'] });
    assert.deepEqual([...parallelBranchHeads(three)], ['d']);
  });

  it('takes a choice\'s successors as alternatives, not branches', () => {
    const ir = irOf({ c: [], b1: ['c'], b2: ['c'], b3: ['c'] }, { c: { choice: { b1: 0.5, b2: 0.3, b3: 0.2 } } });
    assert.deepEqual([...parallelBranchHeads(ir)], []);
  });

  it('stays the same whatever order the steps and edges were added in', () => {
    const forward = irOf({ a: [], b: ['a'], c: ['a'], d: ['a'] });
    const reversed = irOf({ d: [], c: [], b: [], a: [] });
    for (const id of ['d', 'c', 'b']) {
      reversed.graph.removeNode(id);
      reversed.graph.setNode(id, forward.graph.node(id));
      reversed.graph.setEdge('a', id, { bytes: 1 });
    }
    assert.deepEqual([...parallelBranchHeads(forward)].sort(), ['c', 'd']);
    assert.deepEqual([...parallelBranchHeads(reversed)].sort(), ['c', 'd']);
  });
});
