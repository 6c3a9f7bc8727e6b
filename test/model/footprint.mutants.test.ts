// footprintOf, worked by hand: the least Max Memory Used over measurements with no errors and no
// timeouts; with none clean, the largest seen (0 for nothing); raised above any size that ran out
// of memory (an error with Max Memory Used at the size).
import assert from 'node:assert/strict';
import { footprintOf } from '../../src/model/duration-model.ts';
import type { MemoryMeasurement } from '../../src/model/profile-types.ts';

function m(memoryMb: number, maxMemoryUsedMb: number, errors = 0, timeouts = 0): MemoryMeasurement {
  return { memoryMb, warmDurationsMs: [100], coldDurationsMs: [], initDurationsMs: [], maxMemoryUsedMb, invocations: 1, errors, timeouts };
}

describe('footprintOf (mutants)', () => {
  it('skips a measurement that timed out when taking the least clean Max Memory Used', () => {
    assert.equal(footprintOf({ measurements: [m(512, 40, 0, 1), m(1024, 90)] }), 90);
  });

  it('takes the largest Max Memory Used when no measurement is clean', () => {
    assert.equal(footprintOf({ measurements: [m(512, 40, 0, 1), m(1024, 70, 0, 2)] }), 70);
  });

  it('raises the footprint above a size that ran out of memory, not above one that failed otherwise', () => {
    assert.equal(footprintOf({ measurements: [m(256, 256, 3), m(1024, 90)] }), 257);
    assert.equal(footprintOf({ measurements: [m(256, 100, 3), m(1024, 90)] }), 90);
  });
});
