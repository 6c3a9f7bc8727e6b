import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import { DecisionLog } from '../../src/passes/decision-log.ts';
import type { LeafModel } from '../../src/passes/leaf-model.ts';
import type { StepVariant } from '../../src/passes/step-probe.ts';
import { ALL_STRUCTURE } from '../../src/passes/structural-options.ts';
import { recordStructure } from '../../src/passes/structure-log.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';
import { irOf } from '../helpers/ir-builder.ts';

/** Leaves from a rule: latency = step's base × 1024 / memory; cost = memory / 1024 (× variant factors for maps). */
function ruleLeaves(variants: boolean, mapNumbers: Record<string, [number, number]> = {}): LeafModel {
  const base: Record<string, number> = { a: 100, b: 200, c: 300 };
  return {
    method: 'probed',
    variants,
    leaf: (step, option, variant?: StepVariant) => {
      if (step === 'm') {
        const [latencyMs, costUsd] = mapNumbers[`${variant?.bundleSize ?? 1}${variant?.distributed ? 'd' : 'i'}`]!;
        return { latencyMs, costUsd };
      }
      return { latencyMs: ((base[step] ?? 0) * 1024) / option.memoryMb, costUsd: option.memoryMb / 1024 };
    },
  };
}

describe('structure log', () => {
  it('logs each fusion group against its members run apart at their own sizes, less the dispatches fusion removes', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'], d: ['c'] });
    const deployment: Deployment = {
      ...currentDeployment(ir),
      functions: { a: { memoryMb: 1024, architecture: 'x86_64' }, b: { memoryMb: 512, architecture: 'x86_64' }, c: { memoryMb: 1024, architecture: 'x86_64' }, d: { memoryMb: 1024, architecture: 'x86_64' } },
      groups: {
        '~fuse-c': { steps: ['c', 'd'], memoryMb: 1024, architecture: 'x86_64' },
        '~fuse-a': { steps: ['a', 'b'], memoryMb: 2048, architecture: 'arm64' },
      },
    };
    const log = new DecisionLog('memory-sizing');
    recordStructure(log, ir, deployment, ruleLeaves(false), ALL_STRUCTURE, constantCalibration({ taskMs: 40 }, { taskMs: 15 }));
    const [first, second, ...rest] = log.list();
    assert.equal(rest.length, 0, 'no map entries without variant leaves');
    assert.equal(first!.subject, '~fuse-a');
    assert.equal(first!.kind, 'passed');
    assert.equal(first!.chosen, 'fused a + b into one Lambda at 2048 MB on arm64');
    // At 2048 MB: a 50 ms, b 100 ms; cost 2 + 2. Apart: a 100 ms at 1024 (1), b 400 ms at 512 (0.5).
    assert.deepEqual(first!.numbers, { apartLatencyMs: 500, apartLeafCostUsd: 1.5, fusedLatencyMs: 150 - 40, fusedLeafCostUsd: 4, hopsRemovedMs: 40, requestsRemoved: 1, transitionsRemoved: 1 });
    assert.equal(second!.subject, '~fuse-c');
    assert.equal(second!.numbers.fusedLatencyMs, 300 - 40);
    // Under Express the Express dispatch mean.
    const express = new DecisionLog('m');
    recordStructure(express, ir, { ...deployment, orchestration: 'express' }, ruleLeaves(false), ALL_STRUCTURE, constantCalibration({ taskMs: 40 }, { taskMs: 15 }));
    assert.equal(express.list()[0]!.numbers.hopsRemovedMs, 15);
  });

  it('counts every member in the removed transitions but only invoking steps in the latencies', () => {
    const ir = irOf({ a: [], j: ['a'], c: ['j'] }, { j: { choice: { c: 1 } } });
    const deployment: Deployment = { ...currentDeployment(ir), groups: { g: { steps: ['a', 'j', 'c'], memoryMb: 1024, architecture: 'x86_64' } } };
    const log = new DecisionLog('m');
    recordStructure(log, ir, deployment, ruleLeaves(false), ALL_STRUCTURE, constantCalibration({ taskMs: 10 }));
    assert.deepEqual(log.list()[0]!.numbers, { apartLatencyMs: 400, apartLeafCostUsd: 2, fusedLatencyMs: 400 - 20, fusedLeafCostUsd: 2, hopsRemovedMs: 20, requestsRemoved: 2, transitionsRemoved: 2 });
  });

  it("logs each map's chosen variant against the others at the same configuration, each with why it lost", () => {
    // Width 10 under Express: variants 1, 2, 4, 6, 8 inline.
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 10 } } });
    const deployment: Deployment = { ...currentDeployment(ir), orchestration: 'express', functions: { m: { memoryMb: 2048, architecture: 'arm64' } }, steps: { m: { bundleSize: 4 } } };
    const numbers: Record<string, [number, number]> = { '1i': [100, 9], '2i': [150, 5], '4i': [200, 4], '6i': [300, 3], '8i': [200, 6] };
    const log = new DecisionLog('m');
    recordStructure(log, ir, deployment, ruleLeaves(true, numbers), ALL_STRUCTURE);
    const [decision, ...rest] = log.list();
    assert.equal(rest.length, 0);
    assert.equal(decision!.subject, 'm');
    assert.equal(decision!.chosen, '4 item(s) per invocation, Inline Map at 2048 MB on arm64');
    assert.deepEqual(decision!.numbers, { costUsd: 4, latencyMs: 200 });
    assert.deepEqual(decision!.rejected, [
      { option: '1 item(s) per invocation, Inline Map', reason: 'faster but dearer', numbers: { latencyMs: 100, costUsd: 9 } },
      { option: '2 item(s) per invocation, Inline Map', reason: 'faster but dearer', numbers: { latencyMs: 150, costUsd: 5 } },
      { option: '6 item(s) per invocation, Inline Map', reason: 'cheaper but slower: the SLO needs the time', numbers: { latencyMs: 300, costUsd: 3 } },
      { option: '8 item(s) per invocation, Inline Map', reason: 'dearer and no faster', numbers: { latencyMs: 200, costUsd: 6 } },
    ]);
  });

  it('reads a Distributed Map and a plain map from the steps, and skips maps run as Batch jobs and tasks', () => {
    const ir = irOf({ m: [], t: ['m'] }, { m: { map: { kind: 'fixed', width: 50 } } });
    const numbers: Record<string, [number, number]> = {};
    for (const b of [1, 2, 4, 6, 8, 16]) for (const d of ['i', 'd']) numbers[`${b}${d}`] = [1000 / b, b];
    const distributed: Deployment = { ...currentDeployment(ir), steps: { m: { map: { mode: 'distributed', maxConcurrency: 0 } } } };
    const log = new DecisionLog('m');
    recordStructure(log, ir, distributed, ruleLeaves(true, numbers), ALL_STRUCTURE);
    assert.deepEqual(log.list().map((d) => d.chosen), ['1 item(s) per invocation, Distributed Map at 1024 MB on x86_64']);
    assert.equal(log.list()[0]!.rejected.length, 11);
    const plain = new DecisionLog('m');
    recordStructure(plain, ir, currentDeployment(ir), ruleLeaves(true, numbers), { ...ALL_STRUCTURE, bundling: false });
    assert.deepEqual(plain.list()[0]!.chosen, '1 item(s) per invocation, Inline Map at 1024 MB on x86_64');
    assert.deepEqual(plain.list()[0]!.rejected.map((r) => r.option), ['1 item(s) per invocation, Distributed Map']);
    const batch = currentDeployment(ir);
    batch.functions['m'] = { ...batch.functions['m']!, batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } };
    const none = new DecisionLog('m');
    recordStructure(none, ir, batch, ruleLeaves(true, numbers), ALL_STRUCTURE);
    assert.deepEqual(none.list(), []);
  });
});
