// Tests from the mutation run's survivors in lambda-configs.ts (issue 26): the
// configuration one deployed Lambda's entry point carries, checked field by
// field on small hand-made plans (steps of the whole app in sorted order with
// sorted needs, only this Lambda's units, their drop/delete lists, warm-up
// targets, and the item concurrency Lambda's vCPU share allows).
import assert from 'node:assert/strict';
import { deployedLambdas } from '../../../src/codegen/deployed-lambdas.ts';
import { dataFlow } from '../../../src/codegen/functions/data-flow.ts';
import { lambdaConfig } from '../../../src/codegen/functions/lambda-configs.ts';
import { currentDeployment, type Deployment } from '../../../src/ir/deployment.ts';
import { toSeriesParallel } from '../../../src/ir/series-parallelize.ts';
import type { IR } from '../../../src/ir/types.ts';
import { irOf } from '../../helpers/ir-builder.ts';

function configs(ir: IR, change: (d: Deployment) => void = () => {}) {
  const deployment = currentDeployment(ir);
  change(deployment);
  const flow = dataFlow(ir, deployment, toSeriesParallel(ir));
  return new Map(deployedLambdas(ir, deployment).map((lambda) => [lambda.key, lambdaConfig(ir, deployment, flow, lambda)]));
}

describe('configuration of a deployed Lambda\'s entry point', () => {
  it('lists every step of the app in id order, with its needs sorted, its function or its branch probabilities', () => {
    // Declared out of order, and j's needs given as [b, a]: the configuration must not depend on that.
    const ir = irOf({ z: [], b: ['z'], a: ['z'], j: ['b', 'a'], ch: ['j'], x: ['ch'], y: ['ch'] }, { ch: { choice: { x: 0.25, y: 0.75 } } });
    const config = configs(ir).get('z')!;
    assert.deepEqual(Object.keys(config.steps), ['a', 'b', 'ch', 'j', 'x', 'y', 'z']);
    assert.deepEqual(config.steps.j, { name: 'j', kind: 'task', needs: ['a', 'b'], fn: 'j' });
    assert.deepEqual(config.steps.ch, { name: 'ch', kind: 'choice', needs: ['j'], probabilities: { x: 0.25, y: 0.75 } });
    assert.deepEqual(config.steps.z, { name: 'z', kind: 'task', needs: [], fn: 'z' });
    assert.deepEqual(Object.keys(config.units), ['z'], 'only the units this Lambda runs');
  });

  it('carries a unit\'s drop and delete lists, and empty ones for a map unit', () => {
    // c is the last reader of a (stored on S3, read by c) and of b (inline): c drops both and deletes a's object.
    const ir = irOf({ a: [], b: ['a'], c: ['a', 'b'], m: ['c'] }, { m: { map: { kind: 'fixed', width: 4 } } });
    const all = configs(ir, (d) => {
      d.edges = { 'a->b': 's3', 'a->c': 's3', 'b->c': 'inline', 'c->m': 'inline' };
    });
    const c = all.get('c')!.units.c!;
    assert.deepEqual(c.drop, ['a', 'b']);
    assert.deepEqual(c.delete, ['a']);
    assert.deepEqual(c.writes, { c: 'inline' });
    const m = all.get('m')!.units.m!;
    assert.equal(m.kind, 'map');
    assert.deepEqual(m.drop, []);
    assert.deepEqual(m.delete, []);
  });

  it('names the Lambdas a unit pings when it starts, sorted, and only for the steps it runs', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'], d: ['c'] });
    const all = configs(ir, (d) => {
      // d before c on purpose; b carries a setting but no warm-up.
      d.steps = { d: { warmedBy: 'a' }, c: { warmedBy: 'a' }, b: { bundleSize: 1 } };
    });
    assert.deepEqual(all.get('a')!.units.a!.warm, ['DAGC_WARM_FnC', 'DAGC_WARM_FnD']);
    assert.deepEqual(all.get('b')!.units.b!.warm, []);
    assert.deepEqual(all.get('c')!.units.c!.warm, []);
  });

  it('runs as many map items at once as the Lambda has whole vCPUs, at least one', () => {
    // Lambda grants one vCPU per 1,769 MB (Lambda developer guide, "Configuring memory"): 7,100 MB holds 4
    // whole vCPUs, 3,600 MB 2, and 128 MB a fraction of one.
    const ir = irOf({ big: [], small: [], mid: [] });
    const all = configs(ir, (d) => {
      d.functions.big = { memoryMb: 7_100, architecture: 'x86_64' };
      d.functions.mid = { memoryMb: 3_600, architecture: 'x86_64' };
      d.functions.small = { memoryMb: 128, architecture: 'x86_64' };
    });
    assert.equal(all.get('big')!.itemConcurrency, 4);
    assert.equal(all.get('mid')!.itemConcurrency, 2);
    assert.equal(all.get('small')!.itemConcurrency, 1);
  });
});
