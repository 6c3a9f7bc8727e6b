// FusedDurationModel where the src/model run's survivors showed the tests thin (issue 26; reviewed in
// bench/results/mutation-src-model-review-rvmodel.txt): the cold factor of a group whose members run 0 ms
// (SeBS logs 0 ms durations), and quantilesAt leaving the out buffer's entries past the asked levels alone.
import assert from 'node:assert/strict';
import { durationModel, type DurationModel } from '../../src/model/duration-model.ts';
import { FusedDurationModel } from '../../src/model/fused-duration-model.ts';
import type { MemoryMeasurement } from '../../src/model/profile-types.ts';

/** A real predictor (durationModel) for a function measured at 1,769 MB: warm samples all `warmMs`, eight cold ones of `coldMs`. */
function member(warmMs: number, coldMs: number): DurationModel {
  const measurement: MemoryMeasurement = {
    memoryMb: 1769,
    warmDurationsMs: Array(9).fill(warmMs),
    coldDurationsMs: Array(8).fill(coldMs),
    initDurationsMs: Array(8).fill(150),
    maxMemoryUsedMb: 64,
    invocations: 17,
    errors: 0,
    timeouts: 0,
  };
  const model = durationModel({ schemaVersion: 1, function: 'f', source: { kind: 'provisional', description: 'test' }, architectures: { x86_64: { measurements: [measurement], model: { kind: 'amdahl-lognormal', serialMs: warmMs, parallelMs: 0, maxUsefulVcpu: 1, sigma: 0, initMs: 150, fitErrorPct: 0 } } } }, 'x86_64');
  assert.ok(model);
  return model;
}

describe('FusedDurationModel: 0 ms members, and quantilesAt\'s out buffer', () => {
  it('gives a group whose members all run 0 ms a cold factor of 1, not 0/0', () => {
    const zero = member(0, 0);
    assert.equal(zero.medianMs(1769), 0);
    const fused = new FusedDurationModel([{ model: zero, stage: 0 }, { model: member(0, 0), stage: 1 }]);
    assert.equal(fused.coldFactor(1769), 1);
    assert.equal(fused.coldFactor(3538), 1);
  });

  it('writes one entry per asked level and leaves the rest of the out buffer alone', () => {
    // One member of 100 ms at every level (no spread): the p50 and p90 of the group are 100 ms.
    const fused = new FusedDurationModel([{ model: member(100, 100), stage: 0 }]);
    const out = new Float64Array([-1, -1, -1, -1]);
    fused.quantilesAt(1769, [0.5, 0.9], out);
    assert.deepEqual([...out], [100, 100, -1, -1]);
  });
});
