import assert from 'node:assert/strict';
import { currentDeployment } from '../../src/ir/deployment.ts';
import type { IR } from '../../src/ir/types.ts';
import { acceleratorPass, ACCELERATOR } from '../../src/passes/accelerator.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { irOf } from '../helpers/ir-builder.ts';

/** The accelerator pass reads only the IR and the deployment. */
const CONTEXT = {} as PassContext;

function withGpu(ir: IR, fn: string, memoryMb: number): IR {
  ir.functions.set(fn, { ...ir.functions.get(fn)!, accelerator: 'gpu', memoryMb });
  return ir;
}

function userError(code: string, count = 1) {
  return (error: Error & { diagnostics?: Array<{ code: string; message: string }> }) => error.diagnostics?.length === count && error.diagnostics.every((d) => d.code === code);
}

describe('accelerator placement', () => {
  it('runs a GPU function as a Batch job on the cheapest GPU type that holds its memory, the dearer ones rejected cheapest first', () => {
    const ir = withGpu(irOf({ pre: [], infer: ['pre'] }), 'infer', 8192);
    const before = currentDeployment(ir);
    const result = acceleratorPass.run({ ir, deployment: before }, CONTEXT);
    assert.deepEqual(result.deployment.functions['infer'], { memoryMb: 8192, architecture: 'x86_64', batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } });
    assert.deepEqual(result.deployment.functions['pre'], before.functions['pre'], 'a CPU function stays on Lambda');
    assert.equal(before.functions['infer']!.batch, undefined, 'the input deployment is not changed');
    assert.equal(result.ir, ir);
    const [decision, ...rest] = result.decisions;
    assert.equal(rest.length, 0);
    assert.equal(decision!.pass, ACCELERATOR);
    assert.equal(decision!.kind, 'passed');
    assert.equal(decision!.subject, 'infer');
    assert.equal(decision!.chosen, 'AWS Batch job on g4dn.xlarge (Lambda has no GPU)');
    assert.equal(decision!.numbers.hourlyUsd, 0.526);
    assert.equal(decision!.numbers.memoryMb, 8192);
    assert.deepEqual(decision!.rejected, [
      { option: 'g4dn.2xlarge', reason: 'dearer per hour', numbers: { hourlyUsd: 0.752 } },
      { option: 'g5.xlarge', reason: 'dearer per hour', numbers: { hourlyUsd: 1.006 } },
    ]);
  });

  it('takes a larger instance when the function needs more memory than the cheapest has, and exactly its memory fits', () => {
    const ir = withGpu(irOf({ infer: [] }), 'infer', 16_385);
    const result = acceleratorPass.run({ ir, deployment: currentDeployment(ir) }, CONTEXT);
    assert.equal(result.deployment.functions['infer']!.batch!.instanceType, 'g4dn.2xlarge');
    assert.deepEqual(result.decisions[0]!.rejected, []);
    const exact = withGpu(irOf({ infer: [] }), 'infer', 16_384);
    assert.equal(acceleratorPass.run({ ir: exact, deployment: currentDeployment(exact) }, CONTEXT).deployment.functions['infer']!.batch!.instanceType, 'g4dn.xlarge');
  });

  it('decides nothing and logs nothing for a workflow without GPU functions', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const deployment = currentDeployment(ir);
    const result = acceleratorPass.run({ ir, deployment }, CONTEXT);
    assert.deepEqual(result.deployment, deployment);
    assert.deepEqual(result.decisions, []);
  });

  it('refuses (DAGC0352) a GPU function larger than every GPU instance type', () => {
    const ir = withGpu(irOf({ infer: [] }), 'infer', 40_000);
    assert.throws(() => acceleratorPass.run({ ir, deployment: currentDeployment(ir) }, CONTEXT), userError('DAGC0352'));
  });

  it('refuses a map over a GPU function, once per such map step, and reports every problem at once', () => {
    const ir = withGpu(withGpu(irOf({ a: [], m1: ['a'], m2: ['a'], big: [] }, { m1: { map: { kind: 'fixed', width: 4 }, functionName: 'g' }, m2: { map: { kind: 'fixed', width: 4 }, functionName: 'g' } }), 'g', 1024), 'big', 50_000);
    assert.throws(
      () => acceleratorPass.run({ ir, deployment: currentDeployment(ir) }, CONTEXT),
      (error: Error & { diagnostics?: Array<{ code: string; message: string }> }) => {
        const codes = error.diagnostics!.map((d) => d.code);
        assert.equal(codes.length, 3, JSON.stringify(error.diagnostics));
        assert.deepEqual([...codes].sort(), ['DAGC0351', 'DAGC0351', 'DAGC0352']);
        const maps = error.diagnostics!.filter((d) => d.code !== 'DAGC0352').map((d) => d.message);
        assert.ok(/m1/.test(maps[0]!) && /m2/.test(maps[1]!), maps.join(' | '));
        return true;
      },
    );
  });

  it('accepts a GPU function that runs as a task even where another map step runs a CPU function', () => {
    const ir = withGpu(irOf({ a: [], m: ['a'] }, { m: { map: { kind: 'fixed', width: 4 } } }), 'a', 1024);
    const result = acceleratorPass.run({ ir, deployment: currentDeployment(ir) }, CONTEXT);
    assert.ok(result.deployment.functions['a']!.batch);
    assert.equal(result.deployment.functions['m']!.batch, undefined);
  });
});
