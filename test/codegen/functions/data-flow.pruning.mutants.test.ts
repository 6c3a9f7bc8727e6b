// More tests from the mutation run's survivors in data-flow.ts (issue 26),
// worked by hand on small graphs: fusion-group units first in id order,
// S3 edges inside a group with multi-letter step names, which units prune
// the state (tasks and groups; not maps, whose chunks run in parallel, nor
// Batch jobs), drop lists in id order, and what a join drops again because
// only one of its incoming branches had dropped it.
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

describe('data flow of a plan (groups, pruning)', () => {
  it('lists fusion groups as units in id order, whatever order the plan gives them in, and each prunes', () => {
    const ir = irOf({ p: [], q: ['p'], r: ['q'], s: ['r'], t: ['s'], u: ['t'] });
    const flow = flowOf(ir, (d) => {
      d.groups = {
        mm: { steps: ['r', 's'], memoryMb: 1024, architecture: 'x86_64' },
        zz: { steps: ['t', 'u'], memoryMb: 1024, architecture: 'x86_64' },
        aa: { steps: ['p', 'q'], memoryMb: 1024, architecture: 'x86_64' },
      };
      d.steps = { p: { fusionGroup: 'aa' }, q: { fusionGroup: 'aa' }, r: { fusionGroup: 'mm' }, s: { fusionGroup: 'mm' }, t: { fusionGroup: 'zz' }, u: { fusionGroup: 'zz' } };
    });
    assert.deepEqual([...flow.units.keys()], ['aa', 'mm', 'zz']);
    // mm reads q (aa's last step) and is its last reader; zz likewise for s.
    assert.deepEqual(flow.drop.get('aa'), []);
    assert.deepEqual(flow.drop.get('mm'), ['q']);
    assert.deepEqual(flow.drop.get('zz'), ['s']);
  });

  it('does not count an S3 edge between two members of a group as leaving it', () => {
    const ir = irOf({ alpha: [], beta: ['alpha'], gamma: ['alpha', 'beta'] });
    const flow = flowOf(ir, (d) => {
      d.groups = { ab: { steps: ['alpha', 'beta'], memoryMb: 1024, architecture: 'x86_64' } };
      d.steps = { alpha: { fusionGroup: 'ab' }, beta: { fusionGroup: 'ab' } };
      d.edges = { 'alpha->beta': 's3', 'alpha->gamma': 'inline', 'beta->gamma': 'inline' };
    });
    assert.deepEqual(flow.writes.get('ab'), { alpha: 'inline', beta: 'inline' });
  });

  it('prunes after tasks only: a map unit and a Batch job drop nothing themselves', () => {
    const ir = irOf({ z: [], a: [], b: ['z', 'a'], m: ['b'], g: ['m'], e: ['g'] }, { m: { map: { kind: 'fixed', width: 3 } }, g: { functionName: 'gpu' } });
    const flow = flowOf(ir, (d) => {
      d.functions.gpu = { memoryMb: 4096, architecture: 'x86_64', batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } };
    });
    assert.deepEqual([...flow.drop.keys()].sort(), ['a', 'b', 'e', 'z']);
    // b is m's only reader and m is g's: e, the next task, drops what m and g left.
    assert.deepEqual(flow.drop.get('e'), ['b', 'g', 'm']);
  });

  it('lists what a unit drops in id order, and a join drops again what only one branch dropped', () => {
    // b (reading z) and c (reading a) run in parallel: each branch's copy of the state still holds what the other
    // branch dropped, so d drops a and z again, with b and c.
    const flow = flowOf(irOf({ a: [], z: [], b: ['z'], c: ['a'], d: ['b', 'c'] }));
    assert.deepEqual(flow.drop.get('b'), ['z']);
    assert.deepEqual(flow.drop.get('c'), ['a']);
    assert.deepEqual(flow.drop.get('d'), ['a', 'b', 'c', 'z']);
  });

  it('does not drop again at a join what every incoming branch had dropped', () => {
    // t is s's only reader: t drops s before the fork, so neither branch holds it and j must not drop it.
    const flow = flowOf(irOf({ s: [], t: ['s'], p: ['t'], q: ['t'], j: ['p', 'q'] }));
    assert.deepEqual(flow.drop.get('t'), ['s']);
    assert.deepEqual(flow.drop.get('p'), []);
    assert.deepEqual(flow.drop.get('j'), ['p', 'q', 't']);
    // Here only p's branch dropped s (p is s's last reader): j drops it for q's branch.
    const uneven = flowOf(irOf({ s: [], t: ['s'], p: ['s', 't'], q: ['t'], j: ['p', 'q'] }));
    assert.deepEqual(uneven.drop.get('p'), ['s']);
    assert.deepEqual(uneven.drop.get('j'), ['p', 'q', 's', 't']);
  });
});
