// StepProbe.parallelGroup (issue 26: it had no unit test in test/passes): a Parallel state's task branches fused
// into one invocation, probed alone — what the estimate is asked, the footprint check, and the cache.
import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import type { IR } from '../../src/ir/types.ts';
import type { EstimateSummary } from '../../src/passes/estimator-port.ts';
import { StepProbe } from '../../src/passes/step-probe.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

const x86 = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });

function setup() {
  // a and b: two branches (no path between them), 60 MB footprints each; m a map.
  const ir = irOf({ a: [], b: [], m: [] }, { m: { map: { kind: 'fixed', width: 3 } } });
  const profiles = new Map(['a', 'b', 'm'].map((fn) => [fn, profileOf(fn, { x86_64: { serialMs: 10, parallelMs: 100, footprintMb: 60 } })]));
  const asked: Array<{ ir: IR; deployment: Deployment }> = [];
  // The made-up estimate's p95 is the group's memory, so a cached answer for another memory shows.
  const estimate = (i: IR, deployment: Deployment): EstimateSummary => {
    asked.push({ ir: i, deployment });
    const memoryMb = Object.values(deployment.functions)[0]!.memoryMb;
    return { latencyMs: { p50: 0, p90: 0, p95: memoryMb, p99: 0, max: 0 }, costUsd: 1, breakdown: { lambdaComputeUsd: 1, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } };
  };
  const probe = new StepProbe(ir, estimate, 'express');
  return { probe, profiles, asked };
}

describe('step probe: fused Parallel groups', () => {
  it('estimates the members alone as one group at the option, under the probe\'s orchestration', () => {
    const { probe, profiles, asked } = setup();
    assert.equal(probe.parallelGroup(['a', 'b'], x86(1024), profiles)!.latencyMs.p95, 1024);
    assert.equal(asked.length, 1);
    const { ir, deployment } = asked[0]!;
    assert.deepEqual(ir.graph.nodes().sort(), ['a', 'b']);
    assert.deepEqual([...ir.functions.keys()].sort(), ['a', 'b']);
    assert.equal(ir.graph.edgeCount(), 0);
    assert.deepEqual(deployment, {
      functions: { a: x86(1024), b: x86(1024) },
      steps: { a: { fusionGroup: 'probe-group' }, b: { fusionGroup: 'probe-group' } },
      edges: {},
      orchestration: 'express',
      groups: { 'probe-group': { steps: ['a', 'b'], memoryMb: 1024, architecture: 'x86_64' } },
    });
    assert.equal(probe.probeCount(), 1);
  });

  it('caches each (members, option) once, apart from other options', () => {
    const { probe, profiles, asked } = setup();
    probe.parallelGroup(['a', 'b'], x86(1024), profiles);
    assert.equal(probe.parallelGroup(['a', 'b'], x86(2048), profiles)!.latencyMs.p95, 2048);
    assert.equal(probe.parallelGroup(['a', 'b'], x86(1024), profiles)!.latencyMs.p95, 1024);
    assert.equal(asked.length, 2);
    assert.equal(probe.probeCount(), 2);
  });

  it('offers no group with a map member', () => {
    const { probe, profiles, asked } = setup();
    assert.equal(probe.parallelGroup(['a', 'm'], x86(1024), profiles), undefined);
    assert.equal(asked.length, 0);
  });

  it('fits the members\' summed footprint with the usual headroom: 120 MB needs 136 MB', () => {
    // 60 + 60 MB alive at once, plus max(10 %, 16 MB) of headroom = 136 MB.
    const { probe, profiles, asked } = setup();
    assert.notEqual(probe.parallelGroup(['a', 'b'], x86(136), profiles), undefined);
    assert.equal(probe.parallelGroup(['a', 'b'], x86(135), profiles), undefined);
    assert.equal(asked.length, 1, 'a group that does not fit is not estimated');
    assert.equal(probe.probeCount(), 1);
  });

  it('tells apart groups whose member ids run together alike (a + bc, ab + c)', () => {
    const ir = irOf({ a: [], bc: [], ab: [], c: [] });
    const profiles = new Map(['a', 'bc', 'ab', 'c'].map((fn) => [fn, profileOf(fn, { x86_64: { serialMs: 10, parallelMs: 100, footprintMb: 60 } })]));
    const asked: string[][] = [];
    const probe = new StepProbe(ir, (i) => (asked.push(i.graph.nodes().sort()), { latencyMs: { p50: 0, p90: 0, p95: 1, p99: 0, max: 0 }, costUsd: 1, breakdown: { lambdaComputeUsd: 1, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } }));
    probe.parallelGroup(['a', 'bc'], x86(1024), profiles);
    probe.parallelGroup(['ab', 'c'], x86(1024), profiles);
    assert.deepEqual(asked, [['a', 'bc'], ['ab', 'c']]);
  });
});

// Review of the survivors the completed src/passes run left unreviewed (bench/results/mutation-src-passes-review-rvpasses.txt).
describe('step probe: invocations of functions on their own', () => {
  it('probes each function at each option apart: another option or another function is a new estimate', () => {
    const { probe, asked } = setup();
    assert.equal(probe.invocation('a', x86(512)).latencyMs.p95, 512);
    assert.equal(probe.invocation('a', x86(1024)).latencyMs.p95, 1024);
    assert.equal(probe.invocation('b', x86(1024)).latencyMs.p95, 1024);
    assert.deepEqual(asked.map((q) => Object.keys(q.deployment.functions)[0]), ['a', 'a', 'b']);
    assert.equal(probe.probeCount(), 3);
  });
});
