import assert from 'node:assert/strict';
import { groupStages } from '../../src/ir/group-stages.ts';
import { innerEdges } from '../../src/ir/inner-edges.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('fusion group stages and inner edges', () => {
  it('puts a member one stage after the latest of its needs inside the group, in any order of the members', () => {
    // (a; b | c); d inside the group, x outside: a and c first, b after a, d after b and c.
    const needs: Record<string, string[]> = { a: [], b: ['a'], c: [], d: ['b', 'c'] };
    const expected = new Map([['a', 0], ['b', 1], ['c', 0], ['d', 2]]);
    for (const order of [['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a'], ['c', 'd', 'a', 'b']]) {
      assert.deepEqual(new Map([...groupStages(order, (m) => needs[m]!)].sort()), expected, order.join(','));
    }
    assert.deepEqual(groupStages([], () => []), new Map());
  });

  it('lists the edges with both ends in the group, by member order then target id, and none leaving it', () => {
    const ir = irOf({ x: [], a: ['x'], b: ['x'], c: ['a', 'b'], y: ['c'] });
    assert.deepEqual(innerEdges(ir, ['a', 'b', 'c']), [['a', 'c'], ['b', 'c']]);
    assert.deepEqual(innerEdges(ir, ['x', 'b', 'a']), [['x', 'a'], ['x', 'b']]);
    assert.deepEqual(innerEdges(ir, ['a', 'b']), []);
  });
});
