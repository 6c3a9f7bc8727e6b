import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decompose } from '../../src/ir/decompose.ts';
import { formatSpTree, stepsOf, type SpTree } from '../../src/ir/sp-tree.ts';
import type { IR } from '../../src/ir/types.ts';
import { irOf } from '../helpers/ir-builder.ts';

/** Random DAG: step i may need any steps before it. */
const randomNeeds = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }).map((matrix) => {
    const needs: Record<string, string[]> = {};
    for (let i = 0; i < n; i += 1) needs[`s${i}`] = matrix[i]!.slice(0, i).flatMap((on, j) => (on ? [`s${j}`] : []));
    return needs;
  }),
);

/** Brute force: a DAG is series-parallel iff its reachability order has no induced N (Valdes–Tarjan–Lawler). */
function isSeriesParallelByNFreeness(needs: Record<string, string[]>): boolean {
  const ids = Object.keys(needs);
  const below = new Map<string, Set<string>>();
  const ancestors = (id: string): Set<string> => {
    const known = below.get(id);
    if (known) return known;
    const set = new Set<string>();
    for (const n of needs[id]!) {
      set.add(n);
      for (const a of ancestors(n)) set.add(a);
    }
    below.set(id, set);
    return set;
  };
  const lt = (a: string, b: string) => ancestors(b).has(a);
  const inc = (a: string, b: string) => a !== b && !lt(a, b) && !lt(b, a);
  for (const a of ids) for (const b of ids) for (const c of ids) for (const d of ids) {
    if (new Set([a, b, c, d]).size < 4) continue;
    if (lt(a, c) && lt(b, c) && lt(b, d) && inc(a, b) && inc(c, d) && inc(a, d)) return false;
  }
  return true;
}

/** Every order the tree imposes is an order of the DAG and vice versa. */
function orderOf(tree: SpTree | null, pairs = new Set<string>()): Set<string> {
  if (tree === null || tree.kind === 'leaf') return pairs;
  if (tree.kind === 'series') {
    tree.children.forEach((child, i) => {
      orderOf(child, pairs);
      for (const later of tree.children.slice(i + 1)) for (const a of stepsOf(child)) for (const b of stepsOf(later)) pairs.add(`${a}<${b}`);
    });
  } else if (tree.kind === 'parallel') tree.children.forEach((c) => orderOf(c, pairs));
  else tree.branches.forEach((b) => orderOf(b.tree, pairs));
  return pairs;
}

function reachabilityPairs(ir: IR): Set<string> {
  const pairs = new Set<string>();
  for (const start of ir.graph.nodes()) {
    const stack = [...(ir.graph.successors(start) ?? [])];
    const seen = new Set<string>();
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      pairs.add(`${start}<${id}`);
      stack.push(...(ir.graph.successors(id) ?? []));
    }
  }
  return pairs;
}

describe('decompose', () => {
  it('gives a chain and a diamond their obvious trees', () => {
    const chain = decompose(irOf({ a: [], b: ['a'], c: ['b'] }));
    assert.ok(chain.ok && formatSpTree(chain.tree) === 'a;b;c');
    const diamond = decompose(irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }));
    assert.ok(diamond.ok && formatSpTree(diamond.tree) === 'a;(b|c);d');
  });

  it('sequences one parallel group after another (complete bipartite joins)', () => {
    const result = decompose(irOf({ a: [], b: [], c: ['a', 'b'], d: ['a', 'b'] }));
    assert.ok(result.ok);
    assert.equal(formatSpTree(result.tree), '(a|b);(c|d)');
  });

  it('turns a choice and its reconverging branches into a choice node with probabilities', () => {
    const ir = irOf({ s: [], g: ['s'], x: ['g'], y: ['g'], j: ['x', 'y'] }, { g: { choice: { x: 0.3, y: 0.7 } } });
    const result = decompose(ir);
    assert.ok(result.ok);
    assert.equal(formatSpTree(result.tree), 's;g;g?{0.3:x,0.7:y};j');
  });

  it('names the edges of an N as the irreducible core', () => {
    const result = decompose(irOf({ a: [], b: [], c: ['a', 'b'], d: ['b'] }));
    assert.ok(!result.ok);
    // a folds into the source edge and d into the sink edge; b → c is what cannot be reduced.
    assert.deepEqual(result.offendingEdges, [{ from: 'b', to: 'c' }]);
  });

  it('agrees with the N-freeness definition of series-parallel on random DAGs', () => {
    fc.assert(
      fc.property(randomNeeds, (needs) => {
        const result = decompose(irOf(needs));
        assert.equal(result.ok, isSeriesParallelByNFreeness(needs), JSON.stringify(needs));
      }),
      { numRuns: 400, seed: 17 },
    );
  });

  it('covers every step once and imposes exactly the DAG\'s order', () => {
    fc.assert(
      fc.property(randomNeeds, (needs) => {
        const ir = irOf(needs);
        const result = decompose(ir);
        if (!result.ok) return;
        assert.deepEqual(stepsOf(result.tree).sort(), Object.keys(needs).sort());
        assert.deepEqual([...orderOf(result.tree)].sort(), [...reachabilityPairs(ir)].sort());
      }),
      { numRuns: 400, seed: 23 },
    );
  });

  it('reports the irreducible edges sorted by source then target, including a path folded into one edge', () => {
    // An M: a→y←b→(p→)w←c. a, c and p each have one way in and out and fold away (a and c into the
    // virtual source's edges); p's fold adds b→w after b→y, and the report is still sorted.
    const result = decompose(irOf({ a: [], b: [], c: [], p: ['b'], y: ['a', 'b'], w: ['p', 'c'] }));
    assert.ok(!result.ok);
    assert.deepEqual(result.offendingEdges, [
      { from: 'b', to: 'w' },
      { from: 'b', to: 'y' },
    ]);
  });
});

