// The compiled workflow (src/sim/compiled-workflow.ts): the estimate's steps as flat arrays for the sampling loop.
import assert from 'node:assert/strict';
import { deployAt } from '../helpers/exact-profile.ts';
import type { CompiledWorkflow } from '../../src/sim/compiled-workflow.ts';
import { dispatchTables } from '../../src/sim/dispatch-tables.ts';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';
import { planWorkflow } from '../../src/sim/plan-workflow.ts';
import { pricesFor } from '../../src/model/platform.ts';
import { hopContext } from '../../src/sim/s3-hops.ts';
import type { IR } from '../../src/ir/types.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

const profiles = new Map([['f', profileOf('f', { x86_64: { serialMs: 50, parallelMs: 400, maxUsefulVcpu: 2, footprintMb: 100, measuredMb: [128, 1024, 3008] } })]]);

function compiled(ir: IR, memoryMb: number): CompiledWorkflow {
  const deployment = deployAt(ir, memoryMb);
  const context = { ir, deployment, hops: hopContext(ir, deployment), profiles, prices: pricesFor(ir.region), coldProbability: 0.1, dispatch: dispatchTables(DEFAULT_CALIBRATION, 'standard'), untimedEntries: false };
  return planWorkflow(context).workflow;
}

describe('compiled workflow', () => {
  it('stores the duration table of one function at one size once, however many steps draw from it', () => {
    const alone = compiled(irOf({ a: [] }, { a: { functionName: 'f' } }), 1024);
    const f = { functionName: 'f' };
    const four = compiled(irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }, { a: f, b: f, c: f, d: f }), 1024);
    assert.ok(alone.ratios.length > 0, 'the step draws from a table');
    assert.equal(four.ratios.length, alone.ratios.length);
    assert.deepEqual([...four.offsetA], [alone.offsetA[0]!, alone.offsetA[0]!, alone.offsetA[0]!, alone.offsetA[0]!]);
    assert.deepEqual([...four.lengthA], [alone.lengthA[0]!, alone.lengthA[0]!, alone.lengthA[0]!, alone.lengthA[0]!]);
  });
});
