// More of a plan's data flow, worked by hand on small graphs: units and their kinds, reads through a
// choice, results behind a choice at the end, writes that leave a unit, and chunk-list producers
// behind choices.
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

describe('data flow of a plan (units, choices, writes)', () => {
  it('makes a unit per invoking step, of its kind, on its function\'s Lambda, a Batch function\'s without one, and none for a choice', () => {
    const ir = irOf({ s: [], g: ['s'], m: ['g'], t: ['g'], j: ['m', 't'] }, { g: { choice: { m: 0.5, t: 0.5 } }, m: { map: { kind: 'fixed', width: 4 } }, t: { functionName: 'gpu' } });
    const flow = flowOf(ir, (d) => {
      d.functions.gpu = { memoryMb: 4096, architecture: 'x86_64', batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } };
    });
    assert.deepEqual([...flow.units.values()], [
      { id: 'j', kind: 'task', steps: ['j'], lambdaKey: 'j' },
      { id: 'm', kind: 'map', steps: ['m'], lambdaKey: 'm' },
      { id: 's', kind: 'task', steps: ['s'], lambdaKey: 's' },
      { id: 't', kind: 'batch', steps: ['t'] },
    ]);
    assert.equal(flow.unitOf.has('g'), false);
  });

  it('reads a choice\'s own input: a step after a choice reads what the choice was given', () => {
    const ir = irOf({ s: [], g: ['s'], x: ['g'], y: ['g'], j: ['x', 'y'] }, { g: { choice: { x: 0.5, y: 0.5 } } });
    const flow = flowOf(ir);
    assert.deepEqual(flow.reads.get('x'), ['s']);
    assert.deepEqual(flow.reads.get('y'), ['s']);
    assert.deepEqual(flow.reads.get('j'), ['x', 'y']);
    assert.deepEqual(flow.reads.get('s'), []);
  });

  it('takes the result from behind a choice that ends the workflow, and never drops it', () => {
    // e, a step that runs nothing, ends the workflow: the result is what e was given, d's output.
    const ir = irOf({ d: [], e: ['d'] }, { e: { choice: {} } });
    const flow = flowOf(ir);
    assert.deepEqual(flow.resultSteps, ['d']);
    const wide = irOf({ a: [], b: [], c: ['a', 'b'], z: [] });
    assert.deepEqual(flowOf(wide).resultSteps, ['c', 'z']);
  });

  it('writes an output only when another unit or the result needs it, on S3 when any edge out of it is S3', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
    const flow = flowOf(ir, (d) => {
      d.edges = { 'a->b': 'inline', 'a->c': 's3', 'b->d': 'inline', 'c->d': 'inline' };
    });
    assert.deepEqual(flow.writes.get('a'), { a: 's3' });
    assert.deepEqual(flow.writes.get('b'), { b: 'inline' });
    assert.deepEqual(flow.writes.get('d'), { d: 'inline' }, 'the result is written for the end state');
    // Fused a → b in one unit: a is still read by c (outside), so it is written; an s3 edge inside the unit does not count.
    const fused = flowOf(irOf({ a: [], b: ['a'], c: ['a', 'b'] }), (d) => {
      d.groups = { ab: { steps: ['a', 'b'], memoryMb: 1024, architecture: 'x86_64' } };
      d.steps = { a: { fusionGroup: 'ab' }, b: { fusionGroup: 'ab' } };
      d.edges = { 'a->b': 's3', 'a->c': 'inline', 'b->c': 'inline' };
    });
    assert.deepEqual(fused.writes.get('ab'), { a: 'inline', b: 'inline' });
    // A step no one reads outside its unit writes nothing: x feeds only y inside the group.
    const inner = flowOf(irOf({ x: [], y: ['x'], z: ['y'] }), (d) => {
      d.groups = { xy: { steps: ['x', 'y'], memoryMb: 1024, architecture: 'x86_64' } };
      d.steps = { x: { fusionGroup: 'xy' }, y: { fusionGroup: 'xy' } };
    });
    assert.deepEqual(inner.writes.get('xy'), { y: 'inline' });
  });

  it('finds a map\'s chunk-list producer behind a choice, and the start behind a choice on the workflow input', () => {
    const ir = irOf({ s: [], g: ['s'], m: ['g'], n: ['g'] }, { g: { choice: { m: 0.5, n: 0.5 } }, m: { map: { kind: 'fixed', width: 4 } } });
    const flow = flowOf(ir, (d) => {
      d.steps = { m: { bundleSize: 0 } };
    });
    // A bundle size below 1 is taken as 1.
    assert.deepEqual(flow.schedules.get('s'), { s: [{ map: 'm', bundleSize: 1 }] });
    assert.deepEqual(flow.startSchedules, []);
    const first = flowOf(irOf({ g: [], m: ['g'], n: ['g'] }, { g: { choice: { m: 0.5, n: 0.5 } }, m: { map: { kind: 'fixed', width: 4 } } }));
    assert.deepEqual(first.startSchedules, [{ map: 'm', bundleSize: 1 }]);
    assert.equal(first.schedules.size, 0);
  });
});
