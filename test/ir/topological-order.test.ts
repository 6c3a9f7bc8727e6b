import assert from 'node:assert/strict';
import { topologicalOrder } from '../../src/ir/topological-order.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('topologicalOrder', () => {
  it('orders by dependency, ties by step id, whatever the insertion order', () => {
    const ir = irOf({ d: ['b', 'c'], c: ['a'], b: ['a'], a: [] });
    assert.deepEqual(topologicalOrder(ir), ['a', 'b', 'c', 'd']);
  });

  it('answers again from its memory for the same graph, and anew once the graph has grown', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const first = topologicalOrder(ir);
    assert.equal(topologicalOrder(ir), first, 'the same array: computed once');
    ir.graph.setNode('c', { id: 'c', kind: 'task', functionName: 'b', outputBytes: 0 });
    ir.graph.setEdge('c', 'a', { bytes: 0 });
    assert.deepEqual(topologicalOrder(ir), ['c', 'a', 'b']);
  });

  it('orders anew when only a step was added, and when only an edge was added', () => {
    const ir = irOf({ b: [], c: [] });
    assert.deepEqual(topologicalOrder(ir), ['b', 'c']);
    ir.graph.setNode('a', { id: 'a', kind: 'task', functionName: 'b', outputBytes: 0 });
    assert.deepEqual(topologicalOrder(ir), ['a', 'b', 'c']);
    ir.graph.setEdge('c', 'a', { bytes: 0 });
    assert.deepEqual(topologicalOrder(ir), ['b', 'c', 'a']);
  });
});

