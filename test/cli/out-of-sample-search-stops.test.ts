// The re-search's stopping rules on stand-in searches (the real searches are in out-of-sample-search.test.ts):
// which attempt's plan is kept when a re-search finds nothing, repeats a rejected plan, or runs out of retries,
// and the guarded last search that follows a re-search ending on a plan that still misses.
import assert from 'node:assert/strict';
import { guardBandMs, searchMeetingOutOfSample, type OutOfSampleSearchInput, type SearchAttempt } from '../../src/cli/out-of-sample-search.ts';
import type { OptimizationResult } from '../../src/passes/optimize.ts';
import type { OutOfSampleCheck } from '../../src/passes/out-of-sample.ts';
import type { SampleSettings } from '../../src/sim/independent-sample.ts';
import { LIMITS } from '../../src/spec/limits.ts';

/** A search result that only carries what the re-search reads: whether it met in sample, and its deployment. */
function result(meetsSlo: boolean, memoryMb: number): OptimizationResult {
  return { meetsSlo, deployment: { functions: { f: { memoryMb } } }, summary: { monteCarlo: undefined } } as unknown as OptimizationResult;
}

/** A check at SLO 1,000 ms: in sample 990 ms; out of sample 980 ms (meets) or 1,030 ms ± 10 ms (misses: flattered by 40 ms). */
function check(meetsOut: boolean, seed: number): OutOfSampleCheck {
  const outMs = meetsOut ? 980 : 1030;
  return {
    inSample: { samples: 1, seed: 1, latencyMs: 990, meetsSlo: true },
    outOfSample: { samples: 2, seed, latencyMs: outMs, meetsSlo: meetsOut, intervalMs: { lowMs: outMs - 10, highMs: outMs + 10 }, costUsd: 1 },
    disagrees: !meetsOut,
  };
}

/** Search i (by its sample count) returns plans[i]; check of memory m meets out of sample when verdicts says so. */
function input(plans: OptimizationResult[], meetsOut: (memoryMb: number) => boolean, retries = 2, samples = 100): OutOfSampleSearchInput & { avoided: SampleSettings[][]; searches: [number, number][] } {
  const avoided: SampleSettings[][] = [];
  const searches: [number, number][] = [];
  let n = 0;
  return {
    samples,
    seed: 7,
    retries,
    avoided,
    searches,
    search: (samples, guardMs) => {
      searches.push([samples, guardMs]);
      return plans[n++]!;
    },
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

  it('keeps the rejected plan, its miss standing, when every re-search picks it again (the guarded search too)', () => {
    const i = input([result(true, 128), result(true, 128), result(true, 128), result(true, 128)], () => false);
    const s = searchMeetingOutOfSample(i);
    assert.equal(s.stop, 'guard-same-plan');
    assert.equal(i.avoided.length, 1, 'checked once, however often it is picked');
    assert.equal(s.attempts.length, 4);
    assert.equal(s.attempts[3]!.guardMs, 40);
    assert.equal(s.chosen, s.attempts[0]);
  });

  it('runs at most `retries` re-searches, then one guarded search on the last one\'s samples, and keeps its plan, still missing', () => {
    const i = input([result(true, 128), result(true, 256), result(true, 512), result(true, 1024)], () => false);
    const s = searchMeetingOutOfSample(i);
    assert.equal(s.stop, 'guard-missed');
    // Flattered by 40 ms: 990 in sample, 1,030 out.
    assert.deepEqual(i.searches, [[100, 0], [400, 0], [1600, 0], [1600, 40]]);
    assert.equal(s.chosen, s.attempts[3]);
    assert.equal(s.chosen.guardMs, 40);
    // The guarded search's plan is judged on a stream avoiding every search and every earlier check.
    assert.deepEqual(i.avoided[3], [{ seed: 7, samples: 800 }, { seed: 1001, samples: 2 }, { seed: 7, samples: 3200 }, { seed: 1002, samples: 2 }, { seed: 7, samples: 12800 }, { seed: 1003, samples: 2 }]);
  });

  it('writes the guarded search\'s plan when it meets out of sample', () => {
    const s = searchMeetingOutOfSample(input([result(true, 128), result(true, 256), result(true, 512), result(true, 2048)], (m) => m === 2048));
    assert.equal(s.stop, 'met-out-of-sample');
    assert.equal(s.chosen, s.attempts[3]);
    assert.equal(s.chosen.guardMs, 40);
  });

  it('keeps the last plan checked when the guarded search finds no plan meeting the tightened SLO', () => {
    const s = searchMeetingOutOfSample(input([result(true, 128), result(true, 256), result(true, 512), result(false, 64)], () => false));
    assert.equal(s.stop, 'guard-no-plan');
    assert.equal(s.attempts[3]!.check, undefined);
    assert.equal(s.chosen, s.attempts[2]);
  });

  it('runs no guarded search when no re-search is allowed', () => {
    const i = input([result(true, 128), result(true, 256)], () => false, 0);
    const s = searchMeetingOutOfSample(i);
    assert.equal(s.stop, 'retries-spent');
    assert.deepEqual(i.searches, [[100, 0]]);
  });

  it('does not search again at the SLO when the samples cannot grow, and caps the growth at the --samples limit', () => {
    const atLimit = input([result(true, 128), result(true, 4096)], (m) => m === 4096, 2, LIMITS.samples);
    assert.equal(searchMeetingOutOfSample(atLimit).stop, 'met-out-of-sample');
    assert.deepEqual(atLimit.searches, [[LIMITS.samples, 0], [LIMITS.samples, 40]], 'only the guarded search follows, on the same samples');
    const i = input([result(true, 128), result(true, 256), result(true, 512)], () => false, 2, LIMITS.samples / 2);
    const s = searchMeetingOutOfSample(i);
    assert.deepEqual(s.attempts.map((a) => a.samples), [LIMITS.samples / 2, LIMITS.samples, LIMITS.samples]);
    assert.equal(s.stop, 'guard-missed');
  });
});

describe('guardBandMs', () => {
  const missed = (inMs: number, outMs: number, halfWidthMs: number, disagrees = true): SearchAttempt =>
    ({
      samples: 1,
      result: {} as OptimizationResult,
      check: {
        inSample: { samples: 1, seed: 1, latencyMs: inMs, meetsSlo: true },
        outOfSample: { samples: 2, seed: 2, latencyMs: outMs, meetsSlo: !disagrees, intervalMs: { lowMs: outMs - halfWidthMs, highMs: outMs + halfWidthMs }, costUsd: 1 },
        disagrees,
      },
    });

  it('is the largest flattery of a rejected plan (out-of-sample minus in-sample percentile), rounded up to a whole ms', () => {
    assert.equal(guardBandMs([missed(4990, 5046.2, 20), missed(4950, 5010, 5)]), 60);
    assert.equal(guardBandMs([missed(4950, 5002, 5), missed(4990, 5046.2, 20)]), 57);
  });

  it('ignores plans that met out of sample and searches with no plan', () => {
    assert.equal(guardBandMs([missed(900, 990, 30, false), { samples: 1, result: {} as OptimizationResult }]), 0);
    assert.equal(guardBandMs([missed(900, 990, 30, false), missed(995, 1001, 2)]), 6);
  });
});
