import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import type { Slo } from '../../src/ir/types.ts';
import { DecisionLog } from '../../src/passes/decision-log.ts';
import type { EstimateSummary } from '../../src/passes/estimator-port.ts';
import { chooseOrchestration, fitsExpress, orchestrationCandidates, type SizedUnder } from '../../src/passes/orchestration.ts';
import { irOf } from '../helpers/ir-builder.ts';

const SLO: Slo = { percentile: 'p90', latencyMs: 1000 };
const FIVE_MINUTES_MS = 300_000;

/** A summary whose percentiles are all distinct, so a test sees which one was read. */
function summary(p90: number, costUsd: number, maxMs = p90 * 2): EstimateSummary {
  return {
    latencyMs: { p50: p90 - 500, p90, p95: p90 + 300, p99: p90 + 600, max: maxMs },
    costUsd,
    breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 },
  };
}

function sized(orchestration: 'standard' | 'express', p90: number, costUsd: number, maxMs?: number, payload: string = orchestration): SizedUnder<string> {
  return { orchestration, summary: summary(p90, costUsd, maxMs), payload };
}

function deploymentWithFunctions(functions: Deployment['functions']): Deployment {
  return { functions, steps: {}, edges: {}, orchestration: 'standard' };
}

describe('orchestration', () => {
  it('offers Express then Standard when no function runs as a Batch job', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const deployment = deploymentWithFunctions({ a: { memoryMb: 128, architecture: 'x86_64' }, b: { memoryMb: 256, architecture: 'arm64' } });
    assert.deepEqual(orchestrationCandidates(ir, deployment), { candidates: ['express', 'standard'] });
  });

  it('offers only Standard when functions run as Batch jobs, naming them in sorted order', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] });
    const batch = { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 };
    const deployment = deploymentWithFunctions({
      c: { memoryMb: 1024, architecture: 'x86_64', batch },
      b: { memoryMb: 1024, architecture: 'x86_64' },
      a: { memoryMb: 1024, architecture: 'x86_64', batch },
    });
    const result = orchestrationCandidates(ir, deployment);
    assert.deepEqual(result.candidates, ['standard']);
    assert.equal(result.expressExcluded, 'a, c run as AWS Batch jobs through submitJob.sync, which Express workflows do not support');
  });

  it("fits Express when the slowest execution is at most 5 minutes, and not a millisecond over", () => {
    assert.equal(fitsExpress(summary(100, 1, FIVE_MINUTES_MS)), true);
    assert.equal(fitsExpress(summary(100, 1, FIVE_MINUTES_MS + 1)), false);
    assert.equal(fitsExpress(summary(FIVE_MINUTES_MS + 1, 1, 10)), true, 'judged on the max, not on a percentile');
  });

  it('chooses the cheapest plan that meets the SLO, logs it as passed with its numbers, and the other type as dearer', () => {
    const log = new DecisionLog('orchestration');
    const chosen = chooseOrchestration([sized('standard', 900, 3e-5), sized('express', 950, 2e-5, 2000)], SLO, log);
    assert.equal(chosen.payload, 'express');
    const [decision, ...rest] = log.list();
    assert.equal(rest.length, 0);
    assert.equal(decision!.kind, 'passed');
    assert.equal(decision!.subject, 'app');
    assert.equal(decision!.chosen, 'express workflow: executions run at least once, so every step must be idempotent');
    assert.deepEqual(decision!.numbers, { costUsd: 2e-5, latencyMs: 950, maxLatencyMs: 2000 });
    assert.deepEqual(decision!.rejected, [{ option: 'standard', reason: 'dearer at the SLO', numbers: { costUsd: 3e-5, latencyMs: 900, maxLatencyMs: 1800 } }]);
  });

  it('states no idempotency requirement when Standard wins', () => {
    const log = new DecisionLog('orchestration');
    const chosen = chooseOrchestration([sized('express', 900, 3e-5), sized('standard', 950, 2e-5)], SLO, log);
    assert.equal(chosen.orchestration, 'standard');
    assert.equal(log.list()[0]!.chosen, 'standard workflow');
  });

  it('sorts the plans that meet by cost whatever their order, and judges the SLO at its own percentile (equal meets)', () => {
    const plans = [sized('express', 1000, 5e-5, 3000, 'dear'), sized('express', 999, 1e-5, 3000, 'cheap'), sized('express', 400, 2e-5, 3000, 'middle')];
    assert.equal(chooseOrchestration(plans, SLO, new DecisionLog('o')).payload, 'cheap');
    assert.equal(chooseOrchestration([...plans].reverse(), SLO, new DecisionLog('o')).payload, 'cheap');
    // At p99 (p90 + 600) only 'middle' meets 1000 ms.
    assert.equal(chooseOrchestration(plans, { percentile: 'p99', latencyMs: 1000 }, new DecisionLog('o')).payload, 'middle');
  });

  it('never keeps Express when its slowest execution passes 5 minutes, even when it is cheaper, and says so with the rounded max', () => {
    const log = new DecisionLog('orchestration');
    const chosen = chooseOrchestration([sized('express', 900, 1e-5, FIVE_MINUTES_MS + 0.6), sized('standard', 950, 9e-5)], SLO, log);
    assert.equal(chosen.orchestration, 'standard');
    const rejected = log.list()[0]!.rejected;
    assert.equal(rejected.length, 1);
    assert.equal(rejected[0]!.option, 'express');
    assert.equal(rejected[0]!.reason, "its slowest execution (300001 ms) exceeds Express's 5-minute limit");
  });

  it('says the rejected type misses the SLO when it does and the chosen one meets', () => {
    const log = new DecisionLog('orchestration');
    const chosen = chooseOrchestration([sized('express', 1001, 1e-5), sized('standard', 999, 9e-5)], SLO, log);
    assert.equal(chosen.orchestration, 'standard');
    assert.equal(log.list()[0]!.rejected[0]!.reason, 'misses the SLO');
  });

  it('takes the fastest plan when none meets the SLO, in whatever order they come', () => {
    const slow = sized('standard', 3000, 1e-5);
    const fast = sized('express', 2000, 9e-5);
    for (const order of [[slow, fast], [fast, slow]]) {
      const log = new DecisionLog('orchestration');
      assert.equal(chooseOrchestration(order, SLO, log), fast);
      // Neither meets: the slower one is not "missing the SLO" more than the chosen one.
      assert.equal(log.list()[0]!.rejected[0]!.reason, 'dearer at the SLO');
    }
  });

  it('falls back to every plan when the types limits leave none, choosing the fastest', () => {
    const longer = sized('express', 400_000, 1e-5, 500_000, 'longer');
    const shorter = sized('express', 350_000, 2e-5, 450_000, 'shorter');
    assert.equal(chooseOrchestration([longer, shorter], SLO, new DecisionLog('o')).payload, 'shorter');
    assert.equal(chooseOrchestration([shorter, longer], SLO, new DecisionLog('o')).payload, 'shorter');
  });

  it('lists neither the chosen plan nor another of its own type among the rejected', () => {
    const log = new DecisionLog('orchestration');
    chooseOrchestration([sized('express', 900, 1e-5), sized('express', 800, 2e-5), sized('standard', 900, 3e-5)], SLO, log);
    assert.deepEqual(log.list()[0]!.rejected.map((r) => r.option), ['standard']);
  });

  it('names each rejected plan by the search that made it when several plans of one type compete', () => {
    const log = new DecisionLog('orchestration');
    const structural: SizedUnder<string> = { ...sized('standard', 900, 3e-5), origin: 'structural search' };
    const memoryAlone: SizedUnder<string> = { ...sized('standard', 800, 4e-5), origin: 'memory alone' };
    chooseOrchestration([sized('express', 950, 1e-5), structural, memoryAlone], SLO, log);
    assert.deepEqual(log.list()[0]!.rejected, [
      { option: 'standard (structural search)', reason: 'dearer at the SLO', numbers: { costUsd: 3e-5, latencyMs: 900, maxLatencyMs: 1800 } },
      { option: 'standard (memory alone)', reason: 'dearer at the SLO', numbers: { costUsd: 4e-5, latencyMs: 800, maxLatencyMs: 1600 } },
    ]);
  });

  it('rounds a rejected plan\'s numbers as it rounds the chosen one\'s, so plan.json does not carry float noise', () => {
    const log = new DecisionLog('orchestration');
    chooseOrchestration([sized('express', 950, 1e-5), sized('standard', 900.0000000000001, 0.1 + 0.2)], SLO, log);
    assert.deepEqual(log.list()[0]!.rejected[0]!.numbers, { costUsd: 0.3, latencyMs: 900, maxLatencyMs: 1800 });
  });

  it('adds why Express was excluded beforehand to the rejected options', () => {
    const log = new DecisionLog('orchestration');
    chooseOrchestration([sized('standard', 900, 1e-5)], SLO, log, 'f runs as an AWS Batch job');
    assert.deepEqual(log.list()[0]!.rejected, [{ option: 'express', reason: 'f runs as an AWS Batch job', numbers: {} }]);
    const without = new DecisionLog('orchestration');
    chooseOrchestration([sized('standard', 900, 1e-5)], SLO, without);
    assert.deepEqual(without.list()[0]!.rejected, []);
  });

  it('holds only Express to its 5-minute limit: a Standard plan of any duration competes', () => {
    const long = sized('standard', 900, 1e-5, FIVE_MINUTES_MS + 1);
    const express = sized('express', 900, 2e-5, 2000);
    assert.equal(chooseOrchestration([express, long], SLO, new DecisionLog('o')), long);
  });

  it('counts a plan exactly at the SLO as meeting it', () => {
    const atSlo = sized('standard', 1000, 1e-5);
    const faster = sized('express', 900, 2e-5);
    assert.equal(chooseOrchestration([faster, atSlo], SLO, new DecisionLog('o')), atSlo);
  });

  it('gives a rejected Standard plan no 5-minute reason, however long it runs', () => {
    const log = new DecisionLog('orchestration');
    chooseOrchestration([sized('express', 900, 1e-5, 2000), sized('standard', 950, 2e-5, FIVE_MINUTES_MS * 2)], SLO, log);
    assert.equal(log.list()[0]!.rejected[0]!.reason, 'dearer at the SLO');
  });
});
