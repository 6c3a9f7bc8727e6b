import assert from 'node:assert/strict';
import { dataFlow } from '../../../src/codegen/functions/data-flow.ts';
import { currentDeployment, type Deployment } from '../../../src/ir/deployment.ts';
import { toSeriesParallel } from '../../../src/ir/series-parallelize.ts';
import type { IR } from '../../../src/ir/types.ts';
import { irOf } from '../../helpers/ir-builder.ts';

function flowOf(ir: IR, change: (d: Deployment) => void = () => {}) {
  const deployment = currentDeployment(ir);
  change(deployment);
  return dataFlow(ir, deployment, toSeriesParallel(ir));
}

describe('data flow of a plan', () => {
  it('drops an output where its last reader runs, deletes it there when that reader read it from S3, and never drops a result', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['a', 'b'], d: ['c'] });
    const flow = flowOf(ir, (d) => {
      d.edges = { 'a->b': 's3', 'a->c': 's3', 'b->c': 'inline', 'c->d': 'inline' };
    });
    assert.deepEqual(flow.writes.get('a'), { a: 's3' });
    assert.deepEqual(flow.writes.get('b'), { b: 'inline' });
    assert.deepEqual(flow.reads.get('c'), ['a', 'b']);
    assert.deepEqual(flow.drop.get('b'), [], 'c still reads a');
    assert.deepEqual(flow.drop.get('c'), ['a', 'b']);
    assert.deepEqual(flow.delete.get('c'), ['a'], 'only the S3 output, and c read it');
    assert.deepEqual(flow.drop.get('d'), ['c']);
    assert.deepEqual(flow.resultSteps, ['d']);
    assert.ok(![...flow.drop.values()].some((list) => list.includes('d')));
  });

  it('keeps an output that a parallel branch still reads, and drops it after the branches join', () => {
    // a feeds both b and c (parallel); d joins them.
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
    const flow = flowOf(ir);
    assert.deepEqual(flow.drop.get('b'), [], 'c, on the other branch, may not have read a yet');
    assert.deepEqual(flow.drop.get('c'), []);
    assert.deepEqual(flow.drop.get('d'), ['a', 'b', 'c']);
  });

  it('a fusion group reads only what comes from outside it, writes only what leaves it, and in-process edges stay inside', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'], d: ['c', 'a'] });
    const flow = flowOf(ir, (d) => {
      d.groups = { bc: { steps: ['b', 'c'], memoryMb: 1024, architecture: 'x86_64' } };
      d.steps = { b: { fusionGroup: 'bc' }, c: { fusionGroup: 'bc' } };
      d.edges = { 'b->c': 'in-process', 'c->d': 's3' };
    });
    assert.deepEqual(flow.reads.get('bc'), ['a']);
    assert.deepEqual(flow.writes.get('bc'), { c: 's3' });
    assert.equal(flow.unitOf.get('b'), 'bc');
  });

  it('the producer of a map chain writes the chunk lists of every map in it, each with its own bundle size; a map on the workflow input gets them at the start', () => {
    const ir = irOf({ s: [], m1: ['s'], m2: ['m1'], first: [] }, { m1: { map: { kind: 'fixed', width: 8 } }, m2: { map: { kind: 'fixed', width: 8 } }, first: { map: { kind: 'fixed', width: 3 } } });
    const flow = flowOf(ir, (d) => {
      d.steps = { m1: { bundleSize: 3 }, m2: { bundleSize: 4 } };
    });
    assert.deepEqual(flow.schedules.get('s'), { s: [{ map: 'm1', bundleSize: 3 }, { map: 'm2', bundleSize: 4 }] });
    assert.deepEqual(flow.startSchedules, [{ map: 'first', bundleSize: 1 }]);
  });
});
