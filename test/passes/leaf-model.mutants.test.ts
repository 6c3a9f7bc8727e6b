// Leaf model paths the first src/passes mutation run left unchecked (issue 26): which step a shape is probed
// on, pinged variants, fused Parallel groups under Express, and the closed-form model's rows for maps and for
// options outside the candidates. Expected numbers are worked by hand from made-up estimates and predictors.
import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import type { IR } from '../../src/ir/types.ts';
import type { EstimateSummary } from '../../src/passes/estimator-port.ts';
import { predictedLeafModel, probedLeafModel, type InvocationPredictor } from '../../src/passes/leaf-model.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

const x86 = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });
const close = (a: number, b: number, what = '') => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what} ${a} vs ${b}`);

/** A made-up estimate with fixed numbers that records which steps it was asked about, under which deployment. */
function recording(stepFunctionsUsd = 3e-6) {
  const asked: Array<{ steps: string[]; deployment: Deployment }> = [];
  const estimate = (ir: IR, deployment: Deployment): EstimateSummary => {
    asked.push({ steps: ir.graph.nodes(), deployment });
    return { latencyMs: { p50: 1, p90: 2, p95: 3, p99: 4, max: 5 }, costUsd: 10, breakdown: { lambdaComputeUsd: 0, lambdaRequestsUsd: 0, stepFunctionsUsd, s3Usd: 0, provisionedConcurrencyUsd: 0 } };
  };
  return { estimate, asked };
}

describe('leaf model: probed leaves, unchecked paths', () => {
  it('probes every option of a shape on the first step asked for it', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] }, { a: { functionName: 'f' }, b: { functionName: 'f' }, c: { functionName: 'f' } });
    const { estimate, asked } = recording();
    const leaves = probedLeafModel(ir, estimate, 'p95');
    leaves.leaf('b', x86(256));
    leaves.leaf('c', x86(512));
    leaves.leaf('a', x86(1024));
    assert.deepEqual(asked.map((a) => a.steps), [['b'], ['b'], ['b']]);
  });

  it('probes a pinged variant as pinged, apart from the plain step', () => {
    const ir = irOf({ e: [], t: ['e'] });
    const { estimate, asked } = recording();
    const leaves = probedLeafModel(ir, estimate, 'p95');
    leaves.leaf('t', x86(512));
    leaves.leaf('t', x86(512), { bundleSize: 1, distributed: false, warmedBy: 'e' });
    assert.equal(asked.length, 2, 'the pinged leaf is a probe of its own');
    assert.deepEqual(asked[0]!.deployment.steps, {});
    assert.deepEqual(asked[1]!.deployment.steps, { t: { warmedBy: 'e' } });
  });

  it("judges a fused Parallel group with the profiles, leaving the Express execution's own bill out", () => {
    // Two branches of a Parallel state (no path between them), small footprints: they fit 1024 MB together.
    const ir = irOf({ a: [], b: [] });
    const profiles = new Map(['a', 'b'].map((fn) => [fn, profileOf(fn, { x86_64: { serialMs: 10, parallelMs: 100, footprintMb: 60 } })]));
    const { estimate, asked } = recording(3e-6);
    const express = probedLeafModel(ir, estimate, 'p90', 'express', profiles);
    assert.ok(express.parallelGroup, 'offered when profiles are given');
    const leaf = express.parallelGroup!(['a', 'b'], x86(1024))!;
    // p90 of the probe; its cost 10 less the 3e-6 of Step Functions (the workflow's bill, not the group's); its p99, which
    // the fused group's 900 s bound is checked on.
    assert.deepEqual(leaf, { latencyMs: 2, costUsd: 10 - 3e-6, pessimisticLatencyMs: 4 });
    assert.deepEqual(asked[0]!.deployment.groups, { 'probe-group': { steps: ['a', 'b'], memoryMb: 1024, architecture: 'x86_64' } });
    const standard = probedLeafModel(ir, estimate, 'p90', 'standard', profiles);
    assert.deepEqual(standard.parallelGroup!(['a', 'b'], x86(1024)), { latencyMs: 2, costUsd: 10, pessimisticLatencyMs: 4 });
    assert.equal(probedLeafModel(ir, estimate, 'p90').parallelGroup, undefined, 'without profiles it cannot judge a group');
  });
});

describe('leaf model: closed-form rows, unchecked paths', () => {
  // quantile = memory × (1 + level) ms (× 2 on arm64), cost = memory / 1000 (× 3 on arm64); 7 ms and 0.5 per step.
  function predictor(): InvocationPredictor & { rows: number } {
    const arch = (o: ConfigurationOption, x: number) => (o.architecture === 'arm64' ? x : 1);
    const p = {
      rows: 0,
      quantileMs: (_fn: string, o: ConfigurationOption, level: number) => o.memoryMb * (1 + level) * arch(o, 2),
      invocationCostUsd: (_fn: string, o: ConfigurationOption) => (o.memoryMb / 1000) * arch(o, 3),
      quantilesAndCosts: (_fn: string, options: readonly ConfigurationOption[], level: number, q: Float64Array, c: Float64Array) => {
        p.rows += 1;
        options.forEach((o, i) => {
          q[i] = o.memoryMb * (1 + level) * arch(o, 2);
          c[i] = (o.memoryMb / 1000) * arch(o, 3);
        });
      },
      stepOverheadMs: 7,
      stepOverheadUsd: 0.5,
    };
    return p;
  }

  it("gives a map's row the maximum of its draws: level q^(1/W), in waves of the lower of its own and the orchestrator's concurrency", () => {
    const ir = irOf({ m: [], n: ['m'] }, { m: { map: { kind: 'fixed', width: 4 } }, n: { map: { kind: 'fixed', width: 100 } } });
    const leaves = predictedLeafModel(ir, predictor(), 'p50', 40, () => [x86(100), x86(200)]);
    // m: one wave, level 0.5^(1/4).
    close(leaves.row!('m')!.latencyMs[1]!, 7 + 200 * (1 + 0.5 ** (1 / 4)), 'm at 200 MB');
    // n: the cap of 40 → 3 waves of 40 draws at 0.5^(1/3) each.
    close(leaves.row!('n')!.latencyMs[0]!, 3 * (7 + 100 * (1 + (0.5 ** (1 / 3)) ** (1 / 40))), 'n capped');
    close(leaves.row!('n')!.costUsd[0]!, 0.5 + 100 * 0.1, 'n cost');
    // Its own 25 under the cap: 4 waves of 25.
    const own = irOf({ n: [] }, { n: { map: { kind: 'fixed', width: 100 } } });
    (own.graph.node('n') as { maxConcurrency: number }).maxConcurrency = 25;
    close(predictedLeafModel(own, predictor(), 'p50', 40, () => [x86(100)]).row!('n')!.latencyMs[0]!, 4 * (7 + 100 * (1 + (0.5 ** (1 / 4)) ** (1 / 25))), 'n at 25');
  });

  it('computes no row for a function with no candidates', () => {
    const p = predictor();
    const leaves = predictedLeafModel(irOf({ a: [] }), p, 'p50', 40, () => []);
    assert.deepEqual(leaves.leaf('a', x86(100)), { latencyMs: 157, costUsd: 0.1 });
    assert.equal(p.rows, 0);
  });

  it('answers an option of a candidate\'s memory on another architecture with its own numbers', () => {
    const leaves = predictedLeafModel(irOf({ a: [] }), predictor(), 'p50', 40, () => [x86(100)]);
    const onArm = leaves.leaf('a', { memoryMb: 100, architecture: 'arm64' });
    close(onArm.latencyMs, 7 + 300, 'arm64 latency');
    close(onArm.costUsd, 0.3, 'arm64 cost');
    assert.deepEqual(leaves.leaf('a', x86(100)), { latencyMs: 157, costUsd: 0.1 });
  });
});
