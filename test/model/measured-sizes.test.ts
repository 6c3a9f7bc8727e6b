import assert from 'node:assert/strict';
import { measuredSizesMb } from '../../src/model/measured-sizes.ts';
import type { MemoryMeasurement } from '../../src/model/profile-types.ts';

function at(memoryMb: number, warmDurationsMs: number[], coldDurationsMs: number[] = []): MemoryMeasurement {
  return { memoryMb, warmDurationsMs, coldDurationsMs, initDurationsMs: [], maxMemoryUsedMb: 90, invocations: warmDurationsMs.length, errors: 0, timeouts: 0 };
}

describe('measuredSizesMb (the sizes the predictor reads from their own samples)', () => {
  it('lists each size with warm samples of positive median once, ascending', () => {
    const sizes = measuredSizesMb({ measurements: [at(1024, [90, 100, 110]), at(256, [300]), at(1024, [95]), at(512, [0, 200, 210])] });
    assert.deepEqual(sizes, [256, 512, 1024]);
  });

  it('leaves out a size with only cold samples, or whose warm median is 0', () => {
    // [0, 0, 5]: median 0 (SeBS logs a few zero durations; a size of mostly zeros predicts nothing).
    assert.deepEqual(measuredSizesMb({ measurements: [at(128, [], [400]), at(256, [0, 0, 5]), at(2048, [50])] }), [2048]);
  });

  it('has no sizes for an architecture that was not profiled', () => {
    assert.deepEqual(measuredSizesMb(undefined), []);
  });
});
