import assert from 'node:assert/strict';
import { currentDeployment } from '../../src/ir/deployment.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { deploymentWith, optionLabel, optionsByFunction, sameOption } from '../../src/passes/function-options.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

type Problem = { code: string; message: string };
function diagnosticsOf(run: () => unknown): Problem[] {
  try {
    run();
  } catch (error) {
    return (error as { diagnostics: Problem[] }).diagnostics;
  }
  return assert.fail('expected a user error');
}

describe('function options', () => {
  it('lists every function in name order with its candidates, on the strategy grid when one is given', () => {
    const ir = irOf({ b: [], a: ['b'] });
    const profiles = new Map([['a', profileOf('a', { x86_64: { serialMs: 1, parallelMs: 1, footprintMb: 200 } })]]);
    const options = optionsByFunction(ir, profiles, [512, 128, 1024]);
    assert.deepEqual([...options.keys()], ['a', 'b']);
    assert.deepEqual(options.get('a')!.map((o) => o.memoryMb), [512, 1024], '128 MB does not hold a 200 MB footprint');
    assert.deepEqual(options.get('b')!.map((o) => o.memoryMb), [128, 512, 1024]);
    assert.equal(optionsByFunction(ir, new Map()).get('b')!.length, 17, 'the default grid without one');
  });

  it('reports every function that fits nowhere at once: DAGC0320 for the footprint, with its maxMemory when it has one', () => {
    const ir = irOf({ big: [], capped: [], ok: [] });
    ir.functions.set('capped', { ...ir.functions.get('capped')!, maxMemoryMb: 1024 });
    const heavy = (fn: string, footprintMb: number): FunctionProfile => profileOf(fn, { x86_64: { serialMs: 1, parallelMs: 1, footprintMb } });
    const problems = diagnosticsOf(() => optionsByFunction(ir, new Map([['big', heavy('big', 10_000)], ['capped', heavy('capped', 1000)], ['ok', heavy('ok', 10)]])));
    assert.deepEqual(problems.map((p) => p.code), ['DAGC0320', 'DAGC0320']);
    assert.match(problems[0]!.message, /^function 'big' used up to 10000 MB/);
    assert.doesNotMatch(problems[0]!.message, /maxMemory/);
    assert.match(problems[1]!.message, /^function 'capped' used up to 1000 MB.*\(maxMemory is 1024 MB\)/);
  });

  it("reports DAGC0306 for a user list that leaves nothing, naming the list and the footprint", () => {
    const ir = irOf({ f: [] });
    ir.functions.set('f', { ...ir.functions.get('f')!, memoryGrid: { kind: 'list', sizesMb: [128, 256] } });
    const problems = diagnosticsOf(() => optionsByFunction(ir, new Map([['f', profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1, footprintMb: 300 } })]])));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.code, 'DAGC0306');
    assert.match(problems[0]!.message, /its memory grid is \[128, 256\] MB, and none of its sizes is within the function's bounds and leaves room for its footprint of 300 MB$/);
  });

  it('reports DAGC0306 under `measured` with the sizes measured on the usable architectures, or that none was', () => {
    const ir = irOf({ f: [], g: [] });
    for (const fn of ['f', 'g']) ir.functions.set(fn, { ...ir.functions.get(fn)!, architectures: ['x86_64', 'arm64'], memoryGrid: { kind: 'measured' }, maxMemoryMb: 600 });
    const f = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1, measuredMb: [2048, 4096], footprintMb: 50 }, arm64: { serialMs: 1, parallelMs: 1, measuredMb: [1024, 2048], footprintMb: 50 } });
    const g = profileOf('g', { x86_64: { serialMs: 1, parallelMs: 1, measuredMb: [] } });
    const problems = diagnosticsOf(() => optionsByFunction(ir, new Map([['f', f], ['g', g]])));
    assert.deepEqual(problems.map((p) => p.code), ['DAGC0306', 'DAGC0306']);
    assert.match(problems[0]!.message, /^function 'f' .*grid is measured, and no size its profile measured \(1024, 2048, 4096 MB\) is within its bounds and leaves room for its footprint of 50 MB$/);
    assert.match(problems[1]!.message, /^function 'g' .*grid is measured, and its profile measured no size with warm samples$/);
  });

  it("replaces only the assigned functions' memory and architecture, on today's deployment by default", () => {
    const ir = irOf({ a: [], b: ['a'] });
    const base = { ...currentDeployment(ir), orchestration: 'express' as const };
    base.functions['b'] = { memoryMb: 4096, architecture: 'x86_64', batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } };
    const moved = deploymentWith(ir, new Map([['b', { memoryMb: 2048, architecture: 'arm64' }]]), base);
    assert.deepEqual(moved.functions, { a: { memoryMb: 1024, architecture: 'x86_64' }, b: { memoryMb: 2048, architecture: 'arm64', batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } } });
    assert.equal(moved.orchestration, 'express');
    assert.equal(base.functions['b']!.memoryMb, 4096, 'the base is not changed');
    assert.deepEqual(deploymentWith(ir, new Map([['a', { memoryMb: 256, architecture: 'x86_64' }]])), { ...currentDeployment(ir), functions: { a: { memoryMb: 256, architecture: 'x86_64' }, b: { memoryMb: 1024, architecture: 'x86_64' } } });
  });

  it('labels an option by memory and architecture, and compares options by both', () => {
    assert.equal(optionLabel({ memoryMb: 1769, architecture: 'arm64' }), '1769 MB on arm64');
    assert.equal(sameOption({ memoryMb: 128, architecture: 'arm64' }, { memoryMb: 128, architecture: 'arm64' }), true);
    assert.equal(sameOption({ memoryMb: 128, architecture: 'arm64' }, { memoryMb: 128, architecture: 'x86_64' }), false);
    assert.equal(sameOption({ memoryMb: 128, architecture: 'arm64' }, { memoryMb: 256, architecture: 'arm64' }), false);
  });
});
