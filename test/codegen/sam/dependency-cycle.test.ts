import assert from 'node:assert/strict';
import { findCycle } from '../../../src/codegen/sam/dependency-cycle.ts';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));

describe('findCycle', () => {
  it('finds no cycle in a DAG, including a diamond reached twice', () => {
    assert.equal(findCycle(graph({})), undefined);
    assert.equal(findCycle(graph({ A: ['B', 'C'], B: ['D'], C: ['D'], D: [] })), undefined);
    assert.equal(findCycle(graph({ A: ['B'] })), undefined);
  });

  it('names a cycle from where it closes, ending at its first resource again', () => {
    // Z → A → B → C → A: the search enters at A (sorted), so the cycle reads A → B → C → A.
    assert.deepEqual(findCycle(graph({ Z: ['A'], A: ['B'], B: ['C'], C: ['A'] })), ['A', 'B', 'C', 'A']);
    // Entered from A (first in sorted order), the prefix A is not part of the cycle.
    assert.deepEqual(findCycle(graph({ A: ['Y'], Y: ['X'], X: ['Y'] })), ['Y', 'X', 'Y']);
    assert.deepEqual(findCycle(graph({ A: ['A'] })), ['A', 'A']);
  });

  it('names the same cycle whatever the insertion order, visiting in sorted order', () => {
    const one = findCycle(graph({ C: ['A'], B: ['C'], A: ['B'] }));
    const two = findCycle(graph({ A: ['B'], B: ['C'], C: ['A'] }));
    assert.deepEqual(one, ['A', 'B', 'C', 'A']);
    assert.deepEqual(two, one);
    // Two cycles: A → B → A and A → C → A; B comes first in sorted order.
    assert.deepEqual(findCycle(graph({ A: ['C', 'B'], B: ['A'], C: ['A'] })), ['A', 'B', 'A']);
  });

  it('does not mistake a node finished on another path for a cycle', () => {
    // D is finished via B before C reaches it again.
    assert.equal(findCycle(graph({ A: ['B', 'C'], B: ['D'], C: ['D'], D: ['E'], E: [] })), undefined);
    // A cycle reached only after a finished branch.
    assert.deepEqual(findCycle(graph({ A: ['B', 'C'], B: [], C: ['D'], D: ['C'] })), ['C', 'D', 'C']);
  });
});
