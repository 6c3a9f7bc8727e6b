// toSeriesParallel's staging, stated by hand on the smallest DAG that is not series-parallel (an N:
// z → x, z → w, y → w, no y → x), with its steps added to the graph in reverse name order so that
// graph order and name order differ: stages list their steps sorted by id whatever order the graph
// holds them in, because plan.json's structure and the emitted Parallel states are built from them.
import assert from 'node:assert/strict';
import { toSeriesParallel } from '../../src/ir/series-parallelize.ts';
import { JOIN_PREFIX } from '../../src/ir/types.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('toSeriesParallel staging order (mutants)', () => {
  it('lists each stage of an N in name order although the graph holds its steps in reverse order', () => {
    const ir = irOf({ z: [], y: [], x: ['z'], w: ['z', 'y'] });
    assert.deepEqual(ir.graph.nodes(), ['z', 'y', 'x', 'w'], 'precondition: graph order is not name order');
    const result = toSeriesParallel(ir);
    assert.deepEqual(result.joins, [{ id: `${JOIN_PREFIX}1`, after: ['y', 'z'], before: ['w', 'x'] }]);
    assert.deepEqual(result.tree, {
      kind: 'series',
      children: [
        { kind: 'parallel', children: [{ kind: 'leaf', step: 'y' }, { kind: 'leaf', step: 'z' }] },
        { kind: 'parallel', children: [{ kind: 'leaf', step: 'w' }, { kind: 'leaf', step: 'x' }] },
      ],
    });
  });

  it('hands the join each step’s largest out-edge and each reader the sum of its in-edges', () => {
    const ir = irOf({ z: [], y: [], x: ['z'], w: ['z', 'y'] }, { z: { outputBytes: 300 }, y: { outputBytes: 50 } });
    const { ir: staged } = toSeriesParallel(ir);
    const join = `${JOIN_PREFIX}1`;
    assert.equal(staged.graph.edge(`z`, join).bytes, 300);
    assert.equal(staged.graph.edge(`y`, join).bytes, 50);
    assert.equal(staged.graph.edge(join, 'w').bytes, 350);
    assert.equal(staged.graph.edge(join, 'x').bytes, 300);
  });
});
