import assert from 'node:assert/strict';
import { formatSpTree, stepsOf, type SpTree } from '../../src/ir/sp-tree.ts';

const leaf = (step: string): SpTree => ({ kind: 'leaf', step });
const series = (...children: SpTree[]): SpTree => ({ kind: 'series', children });
const parallel = (...children: SpTree[]): SpTree => ({ kind: 'parallel', children });

describe('series-parallel trees', () => {
  // a ; ( (b ; c) | d ) ; g?{0.25: e, 0.75: nothing}
  const tree = series(
    leaf('a'),
    parallel(series(leaf('b'), leaf('c')), leaf('d')),
    { kind: 'choice', choiceStep: 'g', branches: [{ probability: 0.25, tree: leaf('e') }, { probability: 0.75, tree: null }] },
  );

  it('lists every step left to right, through series, parallel and choice branches', () => {
    assert.deepEqual(stepsOf(tree), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(stepsOf(null), []);
  });

  it('brackets a parallel inside a series and a series inside a parallel, and nothing else', () => {
    assert.equal(formatSpTree(tree), 'a;((b;c)|d);g?{0.25:e,0.75:∅}');
    assert.equal(formatSpTree(parallel(leaf('x'), parallel(leaf('y'), leaf('z')))), 'x|y|z');
    assert.equal(formatSpTree(series(leaf('x'), series(leaf('y'), leaf('z')))), 'x;y;z');
  });

  it('writes an empty tree as ∅', () => {
    assert.equal(formatSpTree(null), '∅');
  });
});
