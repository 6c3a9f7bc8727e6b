// The re-search's stopping rules on stand-in searches (the real searches are in out-of-sample-search.test.ts):
// which attempt's plan is kept when a re-search finds nothing, repeats a rejected plan, or runs out of retries.
import assert from 'node:assert/strict';
import { searchMeetingOutOfSample, type OutOfSampleSearchInput } from '../../src/cli/out-of-sample-search.ts';
import type { OptimizationResult } from '../../src/passes/optimize.ts';
import type { OutOfSampleCheck } from '../../src/passes/out-of-sample.ts';
import type { SampleSettings } from '../../src/sim/independent-sample.ts';
import { LIMITS } from '../../src/spec/limits.ts';

/** A search result that only carries what the re-search reads: whether it met in sample, and its deployment. */
function result(meetsSlo: boolean, memoryMb: number): OptimizationResult {
  return { meetsSlo, deployment: { functions: { f: { memoryMb } } }, summary: { monteCarlo: undefined } } as unknown as OptimizationResult;
}

function check(meetsOut: boolean, seed: number): OutOfSampleCheck {
  return {
    inSample: { samples: 1, seed: 1, latencyMs: 1, meetsSlo: true },
    outOfSample: { samples: 2, seed, latencyMs: meetsOut ? 1 : 2, meetsSlo: meetsOut, intervalMs: { lowMs: 1, highMs: 2 }, costUsd: 1 },
    disagrees: !meetsOut,
  };
}

/** Search i (by its sample count) returns plans[i]; check of memory m meets out of sample when verdicts says so. */
function input(plans: OptimizationResult[], meetsOut: (memoryMb: number) => boolean, retries = 2, samples = 100): OutOfSampleSearchInput & { avoided: SampleSettings[][] } {
  const avoided: SampleSettings[][] = [];
  let n = 0;
  return {
    samples,
    seed: 7,
    retries,
    avoided,
    search: () => plans[n++]!,
    check: (r, _samples, avoid) => {
      avoided.push([...avoid]);
      return check(meetsOut(r.deployment.functions.f!.memoryMb), 1000 + avoided.length);
    },
  };
}

describe('searchMeetingOutOfSample: when the re-search stops and which plan it keeps', () => {
  it('stops at the first plan that meets out of sample', () => {
    const i = input([result(true, 128), result(true, 256), result(true, 512)], (m) => m >= 256);
    const s = searchMeetingOutOfSample(i);
    assert.equal(s.stop, 'met-out-of-sample');
    assert.deepEqual(s.attempts.map((a) => a.samples), [100, 400]);
    assert.equal(s.chosen, s.attempts[1]);
    // Each check avoids every search's whole reach so far (8× its samples: any candidate's close call) and every earlier check's stream.
    assert.deepEqual(i.avoided, [[{ seed: 7, samples: 800 }], [{ seed: 7, samples: 800 }, { seed: 1001, samples: 2 }, { seed: 7, samples: 3200 }]]);
  });

  it('keeps the last plan that met in sample when a re-search finds none', () => {
    const s = searchMeetingOutOfSample(input([result(true, 128), result(false, 64)], () => false));
    assert.equal(s.stop, 'no-plan-in-sample');
    assert.equal(s.chosen, s.attempts[0]);
    assert.equal(s.attempts[1]!.check, undefined);
  });

  it('does not check a plan again once it was rejected out of sample, and searches on with more samples for another', () => {
    const i = input([result(true, 128), result(true, 128), result(true, 256)], (m) => m === 256);
    const s = searchMeetingOutOfSample(i);
    assert.equal(s.stop, 'met-out-of-sample');
    assert.deepEqual(s.attempts.map((a) => a.check !== undefined), [true, false, true], 'the repeated plan is not checked');
    assert.equal(s.chosen, s.attempts[2]);
    assert.deepEqual(i.avoided[1], [{ seed: 7, samples: 800 }, { seed: 1001, samples: 2 }, { seed: 7, samples: 3200 }, { seed: 7, samples: 12800 }]);
  });

  it('keeps the rejected plan, its miss standing, when every re-search picks it again', () => {
    const i = input([result(true, 128), result(true, 128), result(true, 128)], () => false);
    const s = searchMeetingOutOfSample(i);
    assert.equal(s.stop, 'same-plan');
    assert.equal(i.avoided.length, 1, 'checked once, however often it is picked');
    assert.equal(s.attempts.length, 3);
    assert.equal(s.chosen, s.attempts[0]);
  });

  it('runs at most `retries` re-searches and keeps the last, still missing', () => {
    const s = searchMeetingOutOfSample(input([result(true, 128), result(true, 256), result(true, 512), result(true, 1024)], () => false));
    assert.equal(s.stop, 'retries-spent');
    assert.deepEqual(s.attempts.map((a) => a.samples), [100, 400, 1600]);
    assert.equal(s.chosen, s.attempts[2]);
    assert.equal(searchMeetingOutOfSample(input([result(true, 128), result(true, 256)], () => false, 0)).attempts.length, 1);
  });

  it('does not search again when the samples cannot grow, and caps the growth at the --samples limit', () => {
    assert.equal(searchMeetingOutOfSample(input([result(true, 128)], () => false, 2, LIMITS.samples)).stop, 'samples-at-limit');
    const s = searchMeetingOutOfSample(input([result(true, 128), result(true, 256), result(true, 512)], () => false, 2, LIMITS.samples / 2));
    assert.deepEqual(s.attempts.map((a) => a.samples), [LIMITS.samples / 2, LIMITS.samples]);
    assert.equal(s.stop, 'samples-at-limit');
  });
});
