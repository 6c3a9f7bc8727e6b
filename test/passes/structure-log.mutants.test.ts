// The structure log's entry for a fusion group of parallel branches (no edge
// between its members) when the leaf model prices them run together in one
// invocation: logged once, against the slowest branch run apart; a group of
// branches the model cannot price together, and a chain, get the serial
// entry. Maps: logged in id order, only with a leaf model that tells
// variants apart; a variant as dear as the chosen one is not "cheaper".
// Complements test/passes/structure-log.test.ts.
import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import { DecisionLog } from '../../src/passes/decision-log.ts';
import type { LeafEstimate, LeafModel } from '../../src/passes/leaf-model.ts';
import type { StepVariant } from '../../src/passes/step-probe.ts';
import { ALL_STRUCTURE } from '../../src/passes/structural-options.ts';
import { recordStructure } from '../../src/passes/structure-log.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';
import { irOf } from '../helpers/ir-builder.ts';

/** Leaves: latency = base × 1024 / memory, cost = memory / 1024; the group run together as `together` says. */
function leavesWith(together: (steps: readonly string[]) => LeafEstimate | undefined): LeafModel & { asked: string[][] } {
  const base: Record<string, number> = { a: 100, b: 300, c: 200 };
  const asked: string[][] = [];
  return {
    method: 'probed',
    asked,
    leaf: (step, option) => ({ latencyMs: ((base[step] ?? 0) * 1024) / option.memoryMb, costUsd: option.memoryMb / 1024 }),
    parallelGroup: (steps) => {
      asked.push([...steps]);
      return together(steps);
    },
  };
}

// s → {a, b} → j: a and b are parallel branches, fused at 2048 MB; apart a runs at 1024 MB, b at 512 MB.
function branches(): { ir: ReturnType<typeof irOf>; deployment: Deployment } {
  const ir = irOf({ s: [], a: ['s'], b: ['s'], j: ['a', 'b'] });
  const deployment: Deployment = {
    ...currentDeployment(ir),
    functions: { s: { memoryMb: 1024, architecture: 'x86_64' }, a: { memoryMb: 1024, architecture: 'x86_64' }, b: { memoryMb: 512, architecture: 'x86_64' }, j: { memoryMb: 1024, architecture: 'x86_64' } },
    groups: { '~fuse-a': { steps: ['a', 'b'], memoryMb: 2048, architecture: 'x86_64' } },
  };
  return { ir, deployment };
}

describe('structure log (fused parallel branches)', () => {
  it('logs a group of parallel branches once, run together, against the slowest branch apart', () => {
    const { ir, deployment } = branches();
    const leaves = leavesWith(() => ({ latencyMs: 250, costUsd: 7 }));
    const log = new DecisionLog('memory-sizing');
    recordStructure(log, ir, deployment, leaves, ALL_STRUCTURE, constantCalibration({ taskMs: 40 }));
    assert.deepEqual(leaves.asked, [['a', 'b']]);
    const entries = log.list();
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.subject, '~fuse-a');
    assert.equal(entries[0]!.chosen, 'fused the parallel branches a | b into one Lambda at 2048 MB on x86_64: they run concurrently and share its vCPUs');
    // Apart: a 100 ms at 1024 MB (cost 1), b 600 ms at 512 MB (cost 0.5): the slowest 600 ms, the cost 1.5.
    assert.deepEqual(entries[0]!.numbers, { transitionsRemoved: 1, requestsRemoved: 1, fusedLatencyMs: 250, apartLatencyMs: 600, fusedLeafCostUsd: 7, apartLeafCostUsd: 1.5 });
  });

  it('falls back to the serial entry when the model cannot price the branches together, and does not ask for a chain', () => {
    const { ir, deployment } = branches();
    const log = new DecisionLog('m');
    recordStructure(log, ir, deployment, leavesWith(() => undefined), ALL_STRUCTURE, constantCalibration({ taskMs: 40 }));
    assert.equal(log.list().length, 1);
    assert.equal(log.list()[0]!.chosen, 'fused a + b into one Lambda at 2048 MB on x86_64');
    // a → c is a chain: never priced as branches.
    const chain = irOf({ a: [], c: ['a'] });
    const chained = leavesWith(() => ({ latencyMs: 1, costUsd: 1 }));
    const chainLog = new DecisionLog('m');
    recordStructure(chainLog, chain, { ...currentDeployment(chain), groups: { g: { steps: ['a', 'c'], memoryMb: 1024, architecture: 'x86_64' } } }, chained, ALL_STRUCTURE, constantCalibration({ taskMs: 40 }));
    assert.deepEqual(chained.asked, []);
    assert.equal(chainLog.list()[0]!.chosen, 'fused a + c into one Lambda at 1024 MB on x86_64');
  });

  /** Map leaves by variant ("<bundle><i|d>" → [latencyMs, costUsd]), the same for every map step. */
  function mapLeaves(numbers: Record<string, [number, number]>, variants: boolean): LeafModel {
    return {
      method: 'probed',
      variants,
      leaf: (_step, _option, variant?: StepVariant) => {
        const [latencyMs, costUsd] = numbers[`${variant?.bundleSize ?? 1}${variant?.distributed ? 'd' : 'i'}`]!;
        return { latencyMs, costUsd };
      },
    };
  }
  // Width 10 under Express: the variants are 1, 2, 4, 6 and 8 items per invocation, inline.
  const NUMBERS: Record<string, [number, number]> = { '1i': [100, 9], '2i': [300, 4], '4i': [200, 4], '6i': [300, 3], '8i': [200, 6] };

  it("logs every map in id order, and says a variant as dear as the chosen one and slower is 'dearer and no faster'", () => {
    const ir = irOf({ z: [], y: ['z'] }, { z: { map: { kind: 'fixed', width: 10 } }, y: { map: { kind: 'fixed', width: 10 } } });
    const deployment: Deployment = { ...currentDeployment(ir), orchestration: 'express', steps: { z: { bundleSize: 4 }, y: { bundleSize: 4 } } };
    const log = new DecisionLog('m');
    recordStructure(log, ir, deployment, mapLeaves(NUMBERS, true), ALL_STRUCTURE);
    assert.deepEqual(log.list().map((d) => d.subject), ['y', 'z']);
    // 2 items per invocation: cost 4 like the chosen 4, but 300 ms against 200 ms.
    const two = log.list()[0]!.rejected.find((r) => r.option === '2 item(s) per invocation, Inline Map')!;
    assert.equal(two.reason, 'dearer and no faster');
  });

  it('logs no map variants when the leaf model cannot tell them apart', () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 10 } } });
    const log = new DecisionLog('m');
    recordStructure(log, ir, { ...currentDeployment(ir), orchestration: 'express' }, mapLeaves(NUMBERS, false), ALL_STRUCTURE);
    assert.deepEqual(log.list(), []);
  });
});
