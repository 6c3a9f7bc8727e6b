// The compiled workflow (src/sim/compiled-workflow.ts): the estimate's steps as flat arrays for the sampling loop.
import assert from 'node:assert/strict';
import { deployAt } from '../helpers/exact-profile.ts';
import { DRAW_TWO_TABLES, type CompiledWorkflow } from '../../src/sim/compiled-workflow.ts';
import { TableArena } from '../../src/sim/table-arena.ts';
import { durationModel } from '../../src/model/duration-model.ts';
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

describe('compiled workflow draws', () => {
  // f's profile has three warm samples per size: its noise is the lognormal table (noise.ts), stored exponentiated.
  it('draws a plain task between two measured sizes as its model’s sampler does, at every uniform, to the last bit', () => {
    const ir = irOf({ a: [] }, { a: { functionName: 'f' } });
    const w = compiled(ir, 1536);
    const model = durationModel(profiles.get('f')!, 'x86_64')!;
    const parts = model.tableDrawAt(1536)!;
    assert.equal(parts.length, 2, 'a size between two measured ones draws from two tables');
    assert.ok(parts.every((p) => p.logSigma !== undefined), 'both are lognormal tables');
    assert.equal(w.draw[0], DRAW_TWO_TABLES);
    const sampler = model.samplerAt(1536);
    for (let k = 0; k <= 1000; k += 1) {
      const u = Math.min(k / 1000, 1 - 2 ** -40);
      const fromTables = w.weightA[0]! * w.ratios[w.offsetA[0]! + Math.min(w.lengthA[0]! - 1, (u * w.lengthA[0]!) | 0)]! + w.weightB[0]! * w.ratios[w.offsetB[0]! + Math.min(w.lengthB[0]! - 1, (u * w.lengthB[0]!) | 0)]!;
      assert.equal(fromTables, sampler({ next: () => u, normal: () => 0 }), `u = ${u}`);
    }
  });

  it('keeps a table in shared memory once per arena, and earlier offsets valid as the arena grows', () => {
    const arena = new TableArena();
    const big = Array.from({ length: 5000 }, (_, k) => k / 5000);
    const small = [1, 2, 3];
    const at = arena.offsetOf(small);
    assert.equal(arena.offsetOfPart({ weight: 1, entries: small, logSigma: undefined }), at, 'the same entries, the same place');
    const exped = arena.offsetOfPart({ weight: 1, entries: small, logSigma: 0.5 });
    assert.notEqual(exped, at);
    assert.equal(arena.offsetOfPart({ weight: 2, entries: small, logSigma: 0.5 }), exped, 'the same table and sigma, the same place');
    arena.offsetOf(big);
    const view = arena.view();
    assert.ok(view.buffer instanceof SharedArrayBuffer);
    assert.deepEqual([...view.subarray(at, at + 3)], small);
    assert.deepEqual([...view.subarray(exped, exped + 3)], small.map((z) => Math.exp(0.5 * z)));
    assert.equal(view.length, 3 + 3 + 5000);
  });
});
