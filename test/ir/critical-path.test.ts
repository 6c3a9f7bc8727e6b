import assert from 'node:assert/strict';
import fc from 'fast-check';
import { criticalPath, criticalPathLengthMs, criticalPathSolver } from '../../src/ir/critical-path.ts';
import type { IR } from '../../src/ir/types.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { instanceArbitrary } from '../helpers/random-instance.ts';

/** Every source-to-sink path, its length. */
function longestByEnumeration(ir: IR, latency: (id: string) => number): number {
  let best = 0;
  const walk = (id: string, sum: number): void => {
    const total = sum + latency(id);
    const next = ir.graph.successors(id) ?? [];
    if (next.length === 0) best = Math.max(best, total);
    for (const s of next) walk(s, total);
  };
  for (const id of ir.graph.nodes()) if ((ir.graph.predecessors(id) ?? []).length === 0) walk(id, 0);
  return best;
}

describe('criticalPath', () => {
  it('finds the longest path, and a path of that length, on random DAGs', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 8 }), fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 8, maxLength: 8 }), ({ ir }, raw) => {
        const latency = new Map(ir.graph.nodes().map((id, i) => [id, raw[i]!]));
        const path = criticalPath(ir, (id) => latency.get(id)!);
        assert.equal(path.lengthMs, longestByEnumeration(ir, (id) => latency.get(id)!));
        assert.equal(path.steps.reduce((sum, id) => sum + latency.get(id)!, 0), path.lengthMs);
        path.steps.slice(1).forEach((id, i) => assert.ok(ir.graph.hasEdge(path.steps[i]!, id)));
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('gives the length alone, unsorted, equal to the path\'s length and to every path enumerated, fractional latencies included', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 8 }), fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 8, maxLength: 8 }), ({ ir }, raw) => {
        const latency = (id: string) => raw[ir.graph.nodes().indexOf(id)]!;
        const lengthMs = criticalPathLengthMs(ir, latency);
        assert.equal(lengthMs, criticalPath(ir, latency).lengthMs);
        assert.equal(lengthMs, longestByEnumeration(ir, latency));
        // Asked again of the same graph (its flattening is kept), with other latencies: answered afresh.
        assert.equal(criticalPathLengthMs(ir, (id) => 2 * latency(id)), criticalPath(ir, (id) => 2 * latency(id)).lengthMs);
      }),
      { numRuns: 200, seed: 29 },
    );
    assert.equal(criticalPathLengthMs(irOf({}), () => 1), 0);
  });

  it('breaks ties toward the smaller step id, and a reused solver answers like a fresh one', () => {
    const ir = irOf({ a: [], c: ['a'], b: ['a'], d: ['b', 'c'] });
    const solve = criticalPathSolver(ir);
    assert.deepEqual(solve(() => 1).steps, ['a', 'b', 'd']);
    assert.deepEqual(solve((id) => (id === 'c' ? 5 : 1)).steps, ['a', 'c', 'd']);
    assert.deepEqual(solve(() => 1), criticalPath(ir, () => 1));
  });

  it('walks back through a predecessor that takes no time, so the path still starts at a source', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] });
    const path = criticalPath(ir, (id) => (id === 'c' ? 5 : 0));
    assert.deepEqual(path, { lengthMs: 5, steps: ['a', 'b', 'c'] });
  });

  it('ends at the sink with the smaller id when two finish together, whichever comes first in the order', () => {
    // Two sources, both 1 ms: a and b tie, a wins.
    assert.deepEqual(criticalPath(irOf({ b: [], a: [] }), () => 1).steps, ['a']);
    // Order m, q, a (sources first): q and a both finish at 2 ms; a is later in the order but the smaller id.
    const ir = irOf({ m: [], q: [], a: ['m'] });
    assert.deepEqual(criticalPath(ir, (id) => (id === 'q' ? 2 : 1)), { lengthMs: 2, steps: ['m', 'a'] });
  });

  it('breaks a tie between predecessors toward the smaller id whatever order they were declared in', () => {
    const ir = irOf({ a: [], c: ['a'], b: ['a'], d: ['c', 'b'] });
    assert.deepEqual(criticalPath(ir, () => 1).steps, ['a', 'b', 'd']);
  });

  it('gives an empty workflow a path of no steps and 0 ms', () => {
    assert.deepEqual(criticalPath(irOf({}), () => 1), { lengthMs: 0, steps: [] });
  });
});

