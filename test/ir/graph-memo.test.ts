import assert from 'node:assert/strict';
import { GraphMemo } from '../../src/ir/graph-memo.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('GraphMemo (values computed from a graph alone, kept per graph)', () => {
  it('computes a key once per graph, false and empty values included', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const memo = new GraphMemo<boolean>();
    let calls = 0;
    const compute = () => {
      calls += 1;
      return false;
    };
    assert.equal(memo.get(ir, 'a', compute), false);
    assert.equal(memo.get(ir, 'a', compute), false);
    assert.equal(calls, 1);
    memo.get(ir, 'b', compute);
    assert.equal(calls, 2);
  });

  it('keeps each graph its own values, and computes again once a graph has grown', () => {
    const one = irOf({ a: [], b: ['a'] });
    const two = irOf({ a: [], b: ['a'] });
    const memo = new GraphMemo<number>();
    assert.equal(memo.get(one, 'a', () => one.graph.successors('a')!.length), 1);
    assert.equal(memo.get(two, 'a', () => 7), 7);
    one.graph.setNode('c', { ...one.graph.node('b'), id: 'c' });
    one.graph.setEdge('a', 'c', { bytes: 0 });
    assert.equal(memo.get(one, 'a', () => one.graph.successors('a')!.length), 2);
    assert.equal(memo.get(two, 'a', () => 0), 7);
  });
});
