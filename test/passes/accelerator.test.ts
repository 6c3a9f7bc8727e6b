import assert from 'node:assert/strict';
import { currentDeployment } from '../../src/ir/deployment.ts';
import type { IR } from '../../src/ir/types.ts';
import { acceleratorPass, ACCELERATOR } from '../../src/passes/accelerator.ts';
import { BATCH } from '../../src/model/platform.ts';
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

  it('places GPU functions in name order whatever order the spec declares them in', () => {
    const ir = irOf({ zeta: [], alpha: ['zeta'] });
    withGpu(ir, 'zeta', 1024);
    withGpu(ir, 'alpha', 40_000);
    assert.deepEqual([...ir.functions.keys()], ['zeta', 'alpha']);
    const ok = irOf({ zeta: [], alpha: ['zeta'] });
    withGpu(ok, 'zeta', 1024);
    withGpu(ok, 'alpha', 2048);
    assert.deepEqual(acceleratorPass.run({ ir: ok, deployment: currentDeployment(ok) }, CONTEXT).decisions.map((d) => d.subject), ['alpha', 'zeta']);
    // Two problems: reported in name order too.
    withGpu(ir, 'zeta', 50_000);
    assert.throws(
      () => acceleratorPass.run({ ir, deployment: currentDeployment(ir) }, CONTEXT),
      (error: Error & { diagnostics?: Array<{ message: string }> }) => /alpha/.test(error.diagnostics![0]!.message) && /zeta/.test(error.diagnostics![1]!.message),
    );
  });

  it('reports maps over GPU functions in step order whatever order the graph holds them in', () => {
    const ir = withGpu(irOf({ z: [], b: ['z'], a: ['z'] }, { b: { map: { kind: 'fixed', width: 2 }, functionName: 'g' }, a: { map: { kind: 'fixed', width: 2 }, functionName: 'g' } }), 'g', 1024);
    assert.deepEqual(ir.graph.nodes(), ['z', 'b', 'a']);
    assert.throws(
      () => acceleratorPass.run({ ir, deployment: currentDeployment(ir) }, CONTEXT),
      (error: Error & { diagnostics?: Array<{ message: string }> }) => /step a /.test(error.diagnostics![0]!.message) && /step b /.test(error.diagnostics![1]!.message),
    );
  });

  it('chooses by hourly price among the instance types with a GPU, ties by name, whatever order the table lists them in', () => {
    // The shipped table happens to list its types cheapest first, all with a GPU: widen it for this test only.
    const types = BATCH.instanceTypes as Record<string, { vcpus: number; gpus: number; memoryMb: number; hourlyUsd: number }>;
    const added = { 'c7.cpu-only': { vcpus: 8, gpus: 0, memoryMb: 65_536, hourlyUsd: 0.1 }, 'z9.dear': { vcpus: 4, gpus: 1, memoryMb: 16_384, hourlyUsd: 5 }, 'a1.tie': { vcpus: 2, gpus: 1, memoryMb: 16_384, hourlyUsd: 0.526 } };
    const original = { ...types };
    try {
      for (const key of Object.keys(types)) delete types[key];
      Object.assign(types, { 'z9.dear': added['z9.dear'], 'c7.cpu-only': added['c7.cpu-only'], ...original, 'a1.tie': added['a1.tie'] });
      const ir = withGpu(irOf({ infer: [] }), 'infer', 8192);
      const result = acceleratorPass.run({ ir, deployment: currentDeployment(ir) }, CONTEXT);
      assert.equal(result.deployment.functions['infer']!.batch!.instanceType, 'a1.tie', 'no CPU-only type; the tie at $0.526 goes to the first name');
      assert.deepEqual(result.decisions[0]!.rejected.map((r) => r.option), ['g4dn.xlarge', 'g4dn.2xlarge', 'g5.xlarge', 'z9.dear']);
    } finally {
      for (const key of Object.keys(types)) delete types[key];
      Object.assign(types, original);
    }
    assert.deepEqual(Object.keys(BATCH.instanceTypes), ['g4dn.xlarge', 'g4dn.2xlarge', 'g5.xlarge']);
  });
});
