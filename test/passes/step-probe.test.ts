import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import type { IR } from '../../src/ir/types.ts';
import type { EstimateSummary } from '../../src/passes/estimator-port.ts';
import { StepProbe, variantKey, type StepVariant } from '../../src/passes/step-probe.ts';
import { irOf } from '../helpers/ir-builder.ts';

/** Records what it was asked; answers with numbers made from the memory so each probe is recognisable. */
function recorder() {
  const asked: Array<{ ir: IR; deployment: Deployment }> = [];
  const estimate = (ir: IR, deployment: Deployment): EstimateSummary => {
    asked.push({ ir, deployment });
    const fn = Object.keys(deployment.functions)[0]!;
    const memoryMb = deployment.functions[fn]!.memoryMb;
    return {
      latencyMs: { p50: memoryMb, p90: memoryMb + 1, p95: memoryMb + 2, p99: memoryMb + 3, max: memoryMb + 4 },
      costUsd: memoryMb / 1000,
      breakdown: { lambdaComputeUsd: 0, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 },
    };
  };
  return { estimate, asked };
}

const x86 = (memoryMb: number) => ({ memoryMb, architecture: 'x86_64' as const });

describe('step probe', () => {
  it("lists each function's steps in id order, none for an unknown function or a choice", () => {
    const ir = irOf({ z: [], pick: ['z'], a: ['pick'], m: ['pick'] }, { z: { functionName: 'f' }, a: { functionName: 'f' }, pick: { choice: { a: 0.5, m: 0.5 } } });
    const probe = new StepProbe(ir, recorder().estimate);
    assert.deepEqual(probe.stepsOf('f'), ['a', 'z']);
    assert.deepEqual(probe.stepsOf('m'), ['m']);
    assert.deepEqual(probe.stepsOf('pick'), []);
  });

  it('estimates a step alone, its function at the option, under the given orchestration, once per configuration', () => {
    const ir = irOf({ a: [], b: ['a'] }, { b: { outputBytes: 77 } });
    const { estimate, asked } = recorder();
    const probe = new StepProbe(ir, estimate, 'express');
    const summary = probe.step('b', { memoryMb: 512, architecture: 'arm64' })!;
    assert.equal(summary.latencyMs.p95, 514);
    assert.equal(asked.length, 1);
    const { ir: alone, deployment } = asked[0]!;
    assert.deepEqual(alone.graph.nodes(), ['b']);
    assert.deepEqual(alone.graph.node('b'), ir.graph.node('b'));
    assert.deepEqual([...alone.functions.keys()], ['b']);
    assert.equal(alone.region, ir.region);
    assert.deepEqual(deployment, { functions: { b: { memoryMb: 512, architecture: 'arm64' } }, steps: {}, edges: {}, orchestration: 'express' });
    assert.equal(probe.step('b', { memoryMb: 512, architecture: 'arm64' }), summary, 'from the cache');
    probe.step('b', { memoryMb: 512, architecture: 'x86_64' });
    probe.step('b', x86(1024));
    probe.step('a', x86(1024));
    assert.equal(asked.length, 4);
    assert.equal(probe.probeCount(), 4);
    assert.equal(new StepProbe(ir, estimate).step('a', x86(128)) !== undefined && asked.at(-1)!.deployment.orchestration, 'standard', 'Standard by default');
  });

  it("writes a map's bundle size and Distributed Map into the probe, and caches each variant apart from the plain step", () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 8 } } });
    const { estimate, asked } = recorder();
    const probe = new StepProbe(ir, estimate);
    probe.step('m', x86(1024));
    probe.step('m', x86(1024), { bundleSize: 1, distributed: false });
    probe.step('m', x86(1024), { bundleSize: 4, distributed: false });
    probe.step('m', x86(1024), { bundleSize: 1, distributed: true });
    probe.step('m', x86(1024), { bundleSize: 4, distributed: true });
    probe.step('m', x86(1024), { bundleSize: 4, distributed: true });
    assert.deepEqual(asked.map((a) => a.deployment.steps), [
      {},
      {},
      { m: { bundleSize: 4 } },
      { m: { map: { mode: 'distributed', maxConcurrency: 0 } } },
      { m: { bundleSize: 4, map: { mode: 'distributed', maxConcurrency: 0 } } },
    ]);
    assert.equal(probe.probeCount(), 5);
  });

  it('answers undefined for a choice step, whose latency is 0', () => {
    const ir = irOf({ pick: [], a: ['pick'] }, { pick: { choice: { a: 1 } } });
    const { estimate, asked } = recorder();
    const probe = new StepProbe(ir, estimate);
    assert.equal(probe.step('pick', x86(1024)), undefined);
    assert.equal(probe.stepLatencyMs('pick', x86(1024), 'p95'), 0);
    assert.equal(asked.length, 0);
    assert.equal(probe.stepLatencyMs('a', x86(1024), 'p99'), 1027);
  });

  it("invokes a function on its own as a made-up task step with no output, cached apart from its steps", () => {
    const ir = irOf({ s: [] }, { s: { functionName: 'f', map: { kind: 'fixed', width: 3 } } });
    const { estimate, asked } = recorder();
    const probe = new StepProbe(ir, estimate);
    const summary = probe.invocation('f', x86(256));
    assert.equal(summary.costUsd, 0.256);
    assert.deepEqual(asked[0]!.ir.graph.node('f'), { id: 'f', kind: 'task', functionName: 'f', outputBytes: 0 });
    assert.equal(probe.invocation('f', x86(256)), summary);
    probe.step('s', x86(256));
    assert.equal(probe.probeCount(), 2);
  });

  it("sums a function's cost over all its steps", () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] }, { a: { functionName: 'f' }, c: { functionName: 'f' } });
    const probe = new StepProbe(ir, recorder().estimate);
    assert.equal(probe.functionCostUsd('f', x86(2000)), 4);
    assert.equal(probe.functionCostUsd('b', x86(2000)), 2);
  });
});

describe('step probe: variant cache keys', () => {
  it('gives every variant that runs differently its own key — bundle size, map mode, pinged or not — and one key to pings from any step', () => {
    const variants: StepVariant[] = [];
    for (const bundleSize of [1, 2, 16]) for (const distributed of [false, true]) for (const warmedBy of [undefined, 'entry']) variants.push({ bundleSize, distributed, ...(warmedBy ? { warmedBy } : {}) });
    const keys = variants.map(variantKey);
    assert.equal(new Set(keys).size, variants.length, keys.join(' '));
    // The estimator only reads that a step is pinged (never cold, the pings billed), not by whom: one probe serves both.
    assert.equal(variantKey({ bundleSize: 2, distributed: false, warmedBy: 'a' }), variantKey({ bundleSize: 2, distributed: false, warmedBy: 'b' }));
  });
});
