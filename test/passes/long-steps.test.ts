import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { longStepsPass, LONG_STEPS } from '../../src/passes/long-steps.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';
import type { IR } from '../../src/ir/types.ts';

// exactProfile: every warm duration is the constant given, measured at one size with a flat fit (no speed-up with
// memory) and a fitted init of 100 ms, so the pessimistic duration (warm p99 + init) is exactly constant + 100 ms.
const INIT_MS = 100;
const LIMIT_MS = 900_000;

function constant(fn: string, ms: number): FunctionProfile {
  return exactProfile(fn, () => ms, { memoryMb: 1024, count: 50 });
}

function run(ir: IR, profiles: Map<string, FunctionProfile>, deployment: Deployment = currentDeployment(ir)) {
  return longStepsPass.run({ ir, deployment }, { profiles } as unknown as PassContext);
}

function refused(fns: string[], memoryMb?: number) {
  return (error: Error & { diagnostics?: Array<{ code: string; message: string }> }) => {
    assert.deepEqual(error.diagnostics!.map((d) => d.code), fns.map(() => 'DAGC0350'));
    fns.forEach((fn, i) => assert.match(error.diagnostics![i]!.message, new RegExp(`^function ${fn} runs`)));
    if (memoryMb !== undefined) assert.match(error.diagnostics![0]!.message, new RegExp(`even at ${memoryMb} MB`));
    return true;
  };
}

describe('long steps', () => {
  it("logs the longest pessimistic duration (warm p99 + init) when every function fits Lambda's 900 s", () => {
    const ir = irOf({ a: [], b: ['a'] });
    const result = run(ir, new Map([['a', constant('a', 5000)], ['b', constant('b', 20_000)]]));
    assert.equal(result.ir, ir);
    assert.equal(result.decisions.length, 1);
    const [d] = result.decisions;
    assert.equal(d!.pass, LONG_STEPS);
    assert.equal(d!.kind, 'analysis');
    assert.equal(d!.subject, 'app');
    assert.equal(d!.chosen, "every function's pessimistic duration fits Lambda's 900 s");
    assert.deepEqual(d!.numbers, { limitMs: LIMIT_MS, longestPessimisticMs: 20_000 + INIT_MS });
  });

  it('accepts a function exactly at 900 s and refuses one a millisecond over', () => {
    const ir = irOf({ a: [] });
    assert.equal(run(ir, new Map([['a', constant('a', LIMIT_MS - INIT_MS)]])).decisions[0]!.numbers.longestPessimisticMs, LIMIT_MS);
    assert.throws(() => run(ir, new Map([['a', constant('a', LIMIT_MS - INIT_MS + 1)]])), refused(['a']));
  });

  it('refuses every function that is too long, in name order, at the most memory it may have', () => {
    const ir = irOf({ z: [], a: ['z'], ok: ['a'] });
    ir.functions.set('z', { ...ir.functions.get('z')!, maxMemoryMb: 2048 });
    ir.functions.set('a', { ...ir.functions.get('a')!, maxMemoryMb: 20_000 });
    const profiles = new Map([['z', constant('z', 1_000_000)], ['a', constant('a', 1_000_000)], ['ok', constant('ok', 1000)]]);
    assert.throws(() => run(ir, profiles), refused(['a', 'z'], 10_240));
    assert.throws(() => run(irOf({ z: [] }), new Map([['z', constant('z', 1_000_000)]])), refused(['z'], 10_240));
    const small = irOf({ z: [] });
    small.functions.set('z', { ...small.functions.get('z')!, maxMemoryMb: 2048 });
    assert.throws(() => run(small, new Map([['z', constant('z', 1_000_000)]])), refused(['z'], 2048));
  });

  it('judges a function at its most memory: one that speeds up with memory fits where it would not at today\'s size', () => {
    // 1,500 s of parallel work at 128 MB, Amdahl over the vCPU share: at 10,240 MB it takes about a tenth.
    const profile = exactProfile('f', () => 1_500_000, { memoryMb: 1769, count: 50 });
    profile.architectures.x86_64!.model = { kind: 'amdahl-lognormal', serialMs: 0, parallelMs: 1_500_000, maxUsefulVcpu: 6, sigma: 0, initMs: INIT_MS, fitErrorPct: 0 };
    const ir = irOf({ f: [] });
    const longest = run(ir, new Map([['f', profile]])).decisions[0]!.numbers.longestPessimisticMs!;
    assert.ok(longest < LIMIT_MS / 2, `${longest}`);
    ir.functions.set('f', { ...ir.functions.get('f')!, maxMemoryMb: 1769 });
    assert.throws(() => run(ir, new Map([['f', profile]])), refused(['f'], 1769));
  });

  it('takes the faster of the architectures the function may run on', () => {
    const profile = constant('f', 1_000_000);
    profile.architectures.arm64 = constant('f', 30_000).architectures.x86_64!;
    const ir = irOf({ f: [] });
    ir.functions.set('f', { ...ir.functions.get('f')!, architectures: ['x86_64', 'arm64'] });
    assert.equal(run(ir, new Map([['f', profile]])).decisions[0]!.numbers.longestPessimisticMs, 30_000 + INIT_MS);
    ir.functions.set('f', { ...ir.functions.get('f')!, architectures: ['arm64', 'x86_64'] });
    assert.equal(run(ir, new Map([['f', profile]])).decisions[0]!.numbers.longestPessimisticMs, 30_000 + INIT_MS);
  });

  it('skips Batch jobs, functions without a profile and functions the deployment does not run', () => {
    const ir = irOf({ gpu: [], unprofiled: ['gpu'], gone: ['gpu'], ok: ['gpu'] });
    const deployment = currentDeployment(ir);
    deployment.functions['gpu'] = { ...deployment.functions['gpu']!, batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } };
    delete deployment.functions['gone'];
    const profiles = new Map([['gpu', constant('gpu', 2_000_000)], ['gone', constant('gone', 2_000_000)], ['ok', constant('ok', 7000)]]);
    assert.equal(run(ir, profiles, deployment).decisions[0]!.numbers.longestPessimisticMs, 7000 + INIT_MS);
  });

  it('skips a function whose profile has none of its architectures', () => {
    const ir = irOf({ f: [] });
    ir.functions.set('f', { ...ir.functions.get('f')!, architectures: ['arm64'] });
    assert.equal(run(ir, new Map([['f', constant('f', 2_000_000)]])).decisions[0]!.numbers.longestPessimisticMs, 0);
  });
});
