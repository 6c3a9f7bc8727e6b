import assert from 'node:assert/strict';
import type { SpTree } from '../../src/ir/sp-tree.ts';
import { runProbabilities } from '../../src/passes/run-probability.ts';

const leaf = (step: string): SpTree => ({ kind: 'leaf', step });

describe('run probabilities', () => {
  it('runs every step outside a choice once per execution, in series and in parallel', () => {
    const tree: SpTree = { kind: 'series', children: [leaf('a'), { kind: 'parallel', children: [leaf('b'), leaf('c')] }, leaf('d')] };
    assert.deepEqual(runProbabilities(tree), new Map([['a', 1], ['b', 1], ['c', 1], ['d', 1]]));
  });

  it('multiplies the branch probabilities on the way into a step; the choice step itself runs as often as it is reached', () => {
    const inner: SpTree = { kind: 'choice', choiceStep: 'k', branches: [{ probability: 0.5, tree: leaf('y') }, { probability: 0.5, tree: null }] };
    const tree: SpTree = {
      kind: 'series',
      children: [
        leaf('a'),
        {
          kind: 'choice',
          choiceStep: 'c',
          branches: [
            { probability: 0.25, tree: leaf('x') },
            { probability: 0.75, tree: { kind: 'series', children: [inner, { kind: 'parallel', children: [leaf('p'), leaf('q')] }] } },
          ],
        },
      ],
    };
    const result = runProbabilities(tree);
    assert.deepEqual(Object.fromEntries(result), { a: 1, c: 1, x: 0.25, k: 0.75, y: 0.375, p: 0.75, q: 0.75 });
  });

  it('runs only the choice step when its branch is empty', () => {
    const tree: SpTree = { kind: 'choice', choiceStep: 'c', branches: [{ probability: 1, tree: null }] };
    assert.deepEqual(Object.fromEntries(runProbabilities(tree)), { c: 1 });
  });
});
