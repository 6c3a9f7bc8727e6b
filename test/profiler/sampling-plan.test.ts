import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ReportRecord } from '../../src/profiler/report-line.ts';
import { measurementsFromReports, WARMUP_INVOCATIONS } from '../../src/profiler/measurements.ts';
import { DEFAULT_SAMPLING, ladderSizes, nextStep, sizeStates, type PlanStep, type ProfileEvent, type SamplingOptions } from '../../src/profiler/sampling-plan.ts';
import { estimateP95, logStats } from '../../src/profiler/p95-estimate.ts';
import { seededRandom } from '../../src/profiler/seeded-random.ts';

/** A synthetic function: Amdahl median over a vCPU share, lognormal noise, cold first call after a change. */
interface SyntheticFunction {
  serialMs: number;
  parallelMs: number;
  threads: number;
  sigma: number;
  footprintMb: number;
  timeoutMs?: number;
  crash?: boolean;
  /** Slowdown of the k-th warm invocation after a cold start (JIT warm-up), 1 beyond the list. */
  warmupSlowdown?: number[];
  /** Speed-up from host drift at sizes at or above this one (a quieter host), as a factor < 1. */
  driftFromMb?: number;
  driftFactor?: number;
  /** Below one vCPU the parallel part scales as 1 / vcpu^steepness (the emulator's small sizes: about 1.2); 1 by default. */
  steepness?: number;
}

const MB_PER_VCPU = 1769; // test-local stand-in for the platform table

function simulate(fn: SyntheticFunction, options: Partial<SamplingOptions> = {}, seed = 1): { events: ProfileEvent[]; done: Extract<PlanStep, { kind: 'done' }> } {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const full: SamplingOptions = { ...DEFAULT_SAMPLING, platformMinMemoryMb: 128, platformMaxMemoryMb: 10240, currentMemoryMb: 1024, ...options };
  const events: ProfileEvent[] = [];
  let configured = -1;
  let warmSinceCold = 0;
  for (let i = 0; i < 2000; i += 1) {
    const step = nextStep(events, full);
    if (step.kind === 'done') return { events, done: step };
    const cold = step.memoryMb !== configured;
    configured = step.memoryMb;
    warmSinceCold = cold ? 0 : warmSinceCold + 1;
    const vcpu = Math.min(step.memoryMb / MB_PER_VCPU, fn.threads);
    const warmup = cold ? 1 : (fn.warmupSlowdown?.[warmSinceCold - 1] ?? 1);
    const drift = fn.driftFromMb !== undefined && step.memoryMb >= fn.driftFromMb ? fn.driftFactor! : 1;
    const speed = vcpu < 1 ? vcpu ** (fn.steepness ?? 1) : vcpu;
    const durationMs = (fn.serialMs + fn.parallelMs / speed) * Math.exp(fn.sigma * normal()) * warmup * drift;
    const report: ReportRecord = {
      durationMs,
      billedDurationMs: Math.ceil(durationMs),
      memorySizeMb: step.memoryMb,
      maxMemoryUsedMb: Math.min(step.memoryMb, fn.footprintMb),
      status: 'success',
    };
    if (cold) report.initDurationMs = 150;
    if (fn.footprintMb > step.memoryMb) Object.assign(report, { status: 'error', errorType: 'Runtime.OutOfMemory' });
    else if (fn.crash) Object.assign(report, { status: 'error', errorType: 'Runtime.HandlerNotFound' });
    else if (fn.timeoutMs !== undefined && durationMs > fn.timeoutMs) Object.assign(report, { status: 'timeout', durationMs: fn.timeoutMs });
    events.push({ kind: 'sample', memoryMb: step.memoryMb, report });
  }
  throw new Error('the plan never finished');
}

const sizesOf = (events: ProfileEvent[]) => [...new Set(events.map((e) => e.memoryMb))].sort((a, b) => a - b);
const warmAt = (events: ProfileEvent[], memoryMb: number) =>
  events.filter((e) => e.kind === 'sample' && e.memoryMb === memoryMb && e.report.initDurationMs === undefined && e.report.status === 'success').length;

describe('adaptive sampling plan', () => {
  const singleThreaded: SyntheticFunction = { serialMs: 20, parallelMs: 400, threads: 1, sigma: 0.05, footprintMb: 90 };

  it('measures the floor, the middle, one vCPU and one doubling above it for single-threaded code', () => {
    const { events, done } = simulate(singleThreaded);
    assert.deepEqual(sizesOf(events), [128, 448, 1769, 3538]);
    assert.equal(done.flatFromMb, 3538);
    assert.ok(events.length <= 25, `${events.length} invocations`);
    assert.equal(events[0]!.memoryMb, 448, 'probes at the middle first, not at the current 1,024 MB');
  });

  it('measures the same ladder whatever the current memory above the middle, one vCPU included', () => {
    for (const currentMemoryMb of [1024, 2048, 3008]) {
      const { events } = simulate(singleThreaded, { currentMemoryMb });
      assert.deepEqual(sizesOf(events), [128, 448, 1769, 3538], `current ${currentMemoryMb} MB`);
    }
    // Below the middle, the current memory is the probe, as it is known to work.
    assert.equal(simulate(singleThreaded, { currentMemoryMb: 256 }).events[0]!.memoryMb, 256);
  });

  it('probes at the current memory when the middle runs out of memory, instead of climbing 64 MB at a time', () => {
    const { events } = simulate({ ...singleThreaded, footprintMb: 700 });
    assert.deepEqual(events.slice(0, 2).map((e) => e.memoryMb), [448, 1024]);
    assert.equal(events.filter((e) => e.kind === 'sample' && e.report.status === 'error').length, 1, 'one invocation lost to the middle');
    assert.ok(sizesOf(events).filter((m) => m !== 448).every((m) => m >= 704), `measured ${sizesOf(events).join(',')}`);
  });

  it('keeps measuring at the probe size when it is on the ladder: its cold start is not paid twice', () => {
    const { events } = simulate(singleThreaded);
    const firstMove = events.findIndex((e) => e.memoryMb !== 448);
    assert.ok(firstMove >= 1 + WARMUP_INVOCATIONS + DEFAULT_SAMPLING.minWarm, `left 448 after ${firstMove} invocations`);
    assert.equal(events.filter((e) => e.memoryMb === 448 && e.kind === 'sample' && e.report.initDurationMs !== undefined).length, 1);
  });

  it('goes on from the doubling past one vCPU to the largest size for multi-threaded code (Amdahl), and no size between', () => {
    const { events } = simulate({ ...singleThreaded, threads: 4 });
    assert.deepEqual(sizesOf(events), [128, 448, 1769, 3538, 10240]);
  });

  it('stops climbing when the Amdahl fit puts the plateau below the largest size, though one noisy pair says faster', () => {
    // A host that got 10 % quieter from 3538 MB on: 3538 looks faster than 1769, 7076 more so
    // than 3538 is not (no drift between them), but the pairwise rule alone would try it.
    const drifting: SyntheticFunction = { ...singleThreaded, sigma: 0.02, driftFromMb: 3538, driftFactor: 0.9 };
    const { events, done } = simulate(drifting);
    const sizes = sizesOf(events);
    assert.ok(sizes.includes(3538), `measured ${sizes.join(',')}`);
    assert.ok(!sizes.includes(10240), `measured ${sizes.join(',')}`);
    assert.equal(done.flatFromMb, 10240);
  });

  it('refines at the knee only where the Amdahl fit misses the measured sizes', () => {
    assert.ok(!sizesOf(simulate(singleThreaded).events).some((m) => m > 448 && m < 1769), 'an exact Amdahl curve needs no refinement');
    // Measured at 128, 448, 1769 and 3538, the drift from 1769 MB on makes Amdahl miss by more than 5 %.
    const refined = simulate({ ...singleThreaded, sigma: 0.02, driftFromMb: 1769, driftFactor: 0.7 }).events;
    assert.ok(sizesOf(refined).some((m) => m > 448 && m < 1769), `measured ${sizesOf(refined).join(',')}`);
  });

  it('refines the gap where the duration drops the most, not the last pair that helped', () => {
    // Steeper than Amdahl below one vCPU, so the fit misses; a host 10 % quieter from 3538 MB on makes that size
    // look faster than 1769 (the fit then puts the plateau below 10240). The last pair that helped is
    // 1769 -> 3538 MB (420 -> 378 ms); 448 -> 1769 MB drops from 2,100 to 420 ms.
    const steep: SyntheticFunction = { ...singleThreaded, sigma: 0.02, steepness: 1.2, driftFromMb: 3538, driftFactor: 0.9 };
    const sizes = sizesOf(simulate(steep).events);
    assert.ok(sizes.includes(3538), `measured ${sizes.join(',')}`);
    assert.ok(sizes.some((m) => m > 448 && m < 1769), `measured ${sizes.join(',')}`);
    assert.ok(!sizes.some((m) => m > 1769 && m < 3538), `measured ${sizes.join(',')}`);
  });

  it('stops after one step when memory does not matter', () => {
    const { events, done } = simulate({ serialMs: 300, parallelMs: 1, threads: 1, sigma: 0.05, footprintMb: 80 });
    assert.deepEqual(sizesOf(events), [128, 448]);
    assert.equal(done.flatFromMb, 448);
  });

  it('leaves the first warm invocations after each cold start out of the warm statistics, as the profile does', () => {
    const slowStart = { ...singleThreaded, sigma: 0.1, warmupSlowdown: [3, 2, 1.5] };
    const { events } = simulate(slowStart, {}, 3);
    const reports = events.flatMap((e) => (e.kind === 'sample' ? [e.report] : []));
    const states = sizeStates(events);
    for (const measurement of measurementsFromReports(reports)) {
      const state = states.get(measurement.memoryMb)!;
      assert.equal(state.warm.n, measurement.warmDurationsMs.length, `${measurement.memoryMb} MB`);
      assert.equal(state.warmups, measurement.warmupDurationsMs?.length ?? 0);
      assert.equal(state.warmups, WARMUP_INVOCATIONS * measurement.coldDurationsMs.length, 'each cold start is followed by its warm-up');
      // Steady state only: no 3× or 2× sample among the warm ones.
      const median = [...measurement.warmDurationsMs].sort((a, b) => a - b)[measurement.warmDurationsMs.length >> 1]!;
      assert.ok(Math.max(...measurement.warmDurationsMs) < 1.8 * median, `${measurement.memoryMb} MB: ${measurement.warmDurationsMs.join(', ')}`);
    }
  });

  it('samples noisy functions more than quiet ones', () => {
    const quiet = simulate(singleThreaded, { maxInvocations: undefined }).events.length;
    const noisy = simulate({ ...singleThreaded, sigma: 0.3 }, { maxInvocations: undefined }).events.length;
    assert.ok(noisy > quiet * 1.5, `quiet ${quiet}, noisy ${noisy}`);
    const noisyOnBudget = simulate({ ...singleThreaded, sigma: 0.3 }).events.length;
    assert.ok(noisyOnBudget > quiet && noisyOnBudget <= DEFAULT_SAMPLING.maxInvocations!, `quiet ${quiet}, noisy within the budget ${noisyOnBudget}`);
  });

  it('never goes back to a size it moved on from (each would cost another cold start)', () => {
    for (const seed of [1, 2, 3, 4]) {
      const { events } = simulate({ ...singleThreaded, sigma: 0.3 }, {}, seed);
      const visits = events.slice(1).map((e) => e.memoryMb).filter((size, i, all) => i === 0 || all[i - 1] !== size);
      assert.equal(new Set(visits).size, visits.length, `seed ${seed}: ${visits.join(' → ')}`);
    }
  });

  it('keeps sampling a doubling whose gain noise leaves unclear, instead of calling the curve flat', () => {
    // Up to 3538 MB: the budget leaves room beyond each size's share for an unclear verdict.
    const full = { ...DEFAULT_SAMPLING, platformMinMemoryMb: 128, platformMaxMemoryMb: 3538, currentMemoryMb: 128, minWarm: 2 };
    const at = (memoryMb: number, durationMs: number, cold = false): ProfileEvent => ({
      kind: 'sample',
      memoryMb,
      report: { durationMs, billedDurationMs: Math.ceil(durationMs), memorySizeMb: memoryMb, maxMemoryUsedMb: 60, status: 'success', ...(cold ? { initDurationMs: 90 } : {}) },
    });
    const warmup = (memoryMb: number) => Array.from({ length: WARMUP_INVOCATIONS }, () => at(memoryMb, 2000));
    const noisy = [at(128, 1500, true), ...warmup(128), at(128, 1000), at(128, 1500), at(128, 900), at(128, 1400), at(448, 900, true), ...warmup(448), at(448, 700), at(448, 1200)];
    assert.deepEqual(nextStep(noisy, full), { kind: 'invoke', memoryMb: 448, phase: 'ladder' });
    const clearlyFlat = [at(128, 1000, true), ...warmup(128), at(128, 1000), at(128, 1010), at(448, 1000, true), ...warmup(448), at(448, 1005), at(448, 995)];
    assert.equal(nextStep(clearlyFlat, full).kind, 'done');
  });

  it('skips sizes below the memory the probe used', () => {
    const { events } = simulate({ ...singleThreaded, footprintMb: 200 });
    assert.deepEqual(sizesOf(events).slice(0, 2), [256, 448], 'the floor, and the probe as the middle');
    assert.ok(events.every((e) => e.kind === 'sample' && e.report.status !== 'error'));
    // A footprint within 1.5x of the probe: the probe stands in for the floor (320 MB is extrapolated).
    const near = simulate({ ...singleThreaded, footprintMb: 300 }).events;
    assert.equal(sizesOf(near)[0], 448);
    assert.ok(near.every((e) => e.kind === 'sample' && e.report.status !== 'error'));
  });

  it('moves above a size that ran out of memory', () => {
    const { events } = simulate({ ...singleThreaded, footprintMb: 180 }, { currentMemoryMb: 128 });
    assert.equal(events.filter((e) => e.kind === 'sample' && e.report.status === 'error').length, 1);
    assert.equal(sizesOf(events)[1], 192);
  });

  it('settles a size that times out twice and keeps climbing', () => {
    const { events } = simulate({ ...singleThreaded, parallelMs: 4000, timeoutMs: 30_000 });
    const at128 = events.filter((e) => e.memoryMb === 128);
    assert.equal(at128.length, 2);
    assert.ok(sizesOf(events).includes(1769));
  });

  it('gives up after three failures that are not about memory', () => {
    const { events, done } = simulate({ ...singleThreaded, crash: true });
    assert.equal(events.length, 3);
    assert.match(done.failed!, /Runtime.HandlerNotFound/);
  });

  it('stops below a size the platform refused, at the limit the refusal names', () => {
    const full = { ...DEFAULT_SAMPLING, platformMinMemoryMb: 128, platformMaxMemoryMb: 10240, currentMemoryMb: 128 };
    const events: ProfileEvent[] = [];
    const report: ReportRecord = { durationMs: 100, billedDurationMs: 100, memorySizeMb: 128, maxMemoryUsedMb: 60, status: 'success' };
    for (const memoryMb of [128, 448, 1769]) {
      for (let i = 0; i < 1 + WARMUP_INVOCATIONS + 2; i += 1) {
        events.push({ kind: 'sample', memoryMb, report: { ...report, memorySizeMb: memoryMb, durationMs: (1000 * 128) / memoryMb + i } });
      }
    }
    const named = 'InvalidParameterValueException: 1 validation error: MemorySize must have value less than or equal to 3008';
    assert.deepEqual(nextStep([...events, { kind: 'unavailable', memoryMb: 3538, reason: named }], full), { kind: 'invoke', memoryMb: 3008, phase: 'ladder' });
    const unnamed = nextStep([...events, { kind: 'unavailable', memoryMb: 3538, reason: 'refused' }], full);
    assert.equal(unnamed.kind, 'done', 'without a named limit it stops at the largest size that ran');
  });

  it('takes exactly --invocations warm samples at each --memory size, with no probe', () => {
    const grid = [256, 1024, 3008];
    const { events } = simulate(singleThreaded, { grid, fixedWarmCount: 5 });
    assert.deepEqual(sizesOf(events), grid);
    for (const size of grid) assert.equal(warmAt(events, size), 5 + WARMUP_INVOCATIONS, 'five steady-state samples after the warm-up');
  });

  it('leaves the run budget alone with --memory or --invocations: every size gets what was asked', () => {
    const grid = [128, 256, 512, 1024, 1536, 3008, 5120, 10240];
    const noisy = { ...singleThreaded, sigma: 0.3 };
    const gridOnly = simulate(noisy, { grid }).events;
    assert.deepEqual(sizesOf(gridOnly), grid);
    assert.ok(gridOnly.length > DEFAULT_SAMPLING.maxInvocations!, `${gridOnly.length} invocations`);
    const fixed = simulate({ ...noisy, threads: 4 }, { fixedWarmCount: 6 }).events;
    for (const size of sizesOf(fixed).filter((memoryMb) => memoryMb !== 1024 || fixed.length > 1)) assert.equal(warmAt(fixed, size), 6 + WARMUP_INVOCATIONS, `${size} MB`);
  });

  it('spends at most the run budget, whatever the function, its noise or its starting memory', () => {
    fc.assert(
      fc.property(
        fc.record({
          sigma: fc.double({ min: 0.01, max: 0.6, noNaN: true }),
          threads: fc.constantFrom(1, 1.5, 2, 4, 6),
          serialMs: fc.constantFrom(1, 20, 300),
          currentMemoryMb: fc.constantFrom(128, 256, 1024, 1536, 2048, 3008, 10240),
          maxInvocations: fc.constantFrom(18, 24, 30, 45),
          seed: fc.integer({ min: 1, max: 1000 }),
        }),
        ({ sigma, threads, serialMs, currentMemoryMb, maxInvocations, seed }) => {
          const { events } = simulate({ serialMs, parallelMs: 400, threads, sigma, footprintMb: 90 }, { currentMemoryMb, maxInvocations }, seed);
          assert.ok(events.length <= maxInvocations, `${events.length} invocations at ${sizesOf(events).join(',')}`);
        },
      ),
      { seed: 7, numRuns: 150 },
    );
  });

  it('gives what the ladder leaves of the budget to the size measured last, as steady samples', () => {
    const { events, done } = simulate({ ...singleThreaded, sigma: 0.25 }, { refine: false }, 2);
    assert.equal(done.flatFromMb, 3538);
    const last = events[events.length - 1]!.memoryMb;
    assert.equal(last, 3538);
    const earlier = sizesOf(events).filter((size) => size !== last);
    for (const size of earlier) assert.ok(warmAt(events, last) > warmAt(events, size), `${last} MB: ${warmAt(events, last)} warm, ${size} MB: ${warmAt(events, size)}`);
    assert.equal(events.length, DEFAULT_SAMPLING.maxInvocations);
  });

  it('keeps the minimum for the largest size while the doubling past one vCPU may still pay', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { events } = simulate({ ...singleThreaded, serialMs: 50, threads: 4, sigma: 0.2 }, {}, seed);
      assert.ok(sizesOf(events).includes(10240), `seed ${seed}: measured ${sizesOf(events).join(',')}`);
      assert.ok(warmAt(events, 10240) >= WARMUP_INVOCATIONS + DEFAULT_SAMPLING.minWarm);
    }
  });

  it('does not refine where the fit misses by no more than the samples\' own noise', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const { events } = simulate({ ...singleThreaded, sigma: 0.3 }, {}, seed);
      assert.ok(!sizesOf(events).some((m) => m > 1024 && m < 1769), `seed ${seed}: measured ${sizesOf(events).join(',')}`);
    }
  });

  it('asks for the same next step from a journal cut at every point of a run, budget and leftover included', () => {
    for (const [fn, currentMemoryMb] of [[{ ...singleThreaded, sigma: 0.25 }, 1024], [{ ...singleThreaded, threads: 4, sigma: 0.15 }, 2048]] as const) {
      const { events, done } = simulate(fn, { currentMemoryMb }, 3);
      const options = { ...DEFAULT_SAMPLING, platformMinMemoryMb: 128, platformMaxMemoryMb: 10240, currentMemoryMb };
      for (let cut = 0; cut < events.length; cut += 1) {
        const step = nextStep(events.slice(0, cut), options);
        assert.equal(step.kind === 'invoke' && step.memoryMb, events[cut]!.memoryMb, `cut at ${cut}`);
      }
      assert.deepEqual(nextStep(events, options), done);
    }
  });

  it('asks for the same next step whatever point a run is resumed from', () => {
    const { events } = simulate({ ...singleThreaded, sigma: 0.1 }, {}, 5);
    const options = { ...DEFAULT_SAMPLING, platformMinMemoryMb: 128, platformMaxMemoryMb: 10240, currentMemoryMb: 1024 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: events.length - 1 }), (cut) => {
        const step = nextStep(events.slice(0, cut), options);
        assert.equal(step.kind, 'invoke');
        assert.equal(step.kind === 'invoke' && step.memoryMb, events[cut]!.memoryMb);
      }),
      { seed: 2, numRuns: 50 },
    );
  });

  it('builds the ladder: floor, a middle size (the probe when inside), one vCPU, one doubling, the ceiling', () => {
    assert.deepEqual(ladderSizes(128, 10240), [128, 448, 1769, 3538, 10240]);
    assert.deepEqual(ladderSizes(128, 10240, 1024), [128, 1024, 1769, 3538, 10240]);
    assert.deepEqual(ladderSizes(320, 3008), [320, 768, 1769, 3008]);
    assert.deepEqual(ladderSizes(128, 4096), [128, 448, 1769, 4096], 'a ceiling close above the doubling replaces it');
    assert.deepEqual(ladderSizes(2048, 10240), [2048, 4096, 10240]);
    assert.deepEqual(ladderSizes(1200, 1769), [1200, 1769]);
  });

  it('puts the probe on the ladder in place of the nearest size within 1.5x, so it is never measured alone', () => {
    assert.deepEqual(ladderSizes(128, 10240, 1536), [128, 448, 1536, 3538, 10240], 'too close to one vCPU to be the middle: it is the one-vCPU size');
    assert.deepEqual(ladderSizes(128, 10240, 2048), [128, 448, 2048, 3538, 10240]);
    assert.deepEqual(ladderSizes(128, 10240, 3008), [128, 448, 1769, 3008, 10240]);
    assert.deepEqual(ladderSizes(128, 10240, 8192), [128, 448, 1769, 3538, 8192]);
    assert.deepEqual(ladderSizes(128, 10240, 160), [160, 448, 1769, 3538, 10240]);
    assert.deepEqual(ladderSizes(128, 1769, 3008), [128, 448, 1769], 'a probe above the ceiling stays off the ladder');
  });

  it('never measures the probe alone at a size off the ladder', () => {
    for (const currentMemoryMb of [160, 1536, 2048, 3008, 5000, 8192]) {
      for (const seed of [1, 2]) {
        const { events } = simulate({ ...singleThreaded, sigma: 0.2, threads: 2 }, { currentMemoryMb }, seed);
        const lone = sizesOf(events).filter((size) => warmAt(events, size) === 0);
        assert.deepEqual(lone, [], `probe ${currentMemoryMb} MB, seed ${seed}: measured ${sizesOf(events).join(',')}`);
        const probeMb = events[0]!.memoryMb;
        assert.ok(warmAt(events, probeMb) > WARMUP_INVOCATIONS, `probe ${probeMb} MB (current ${currentMemoryMb}) is measured where it ran`);
      }
    }
  });
});

describe('p95 estimate', () => {
  it('tightens with more samples and with pooled spread from other sizes', () => {
    const own = logStats([100, 104, 97]);
    const alone = estimateP95(own, []).relativeHalfWidth;
    const pooled = estimateP95(own, [logStats([50, 52, 49, 51, 50]), logStats([30, 31, 29, 30])]).relativeHalfWidth;
    const more = estimateP95(logStats([100, 104, 97, 101, 99, 103, 98, 100]), []).relativeHalfWidth;
    assert.ok(pooled < alone && more < alone, `${alone} ${pooled} ${more}`);
    assert.equal(estimateP95(logStats([100]), []).relativeHalfWidth, Infinity);
  });

  it('puts the p95 above the median by 1.645 sigma of the log', () => {
    const estimate = estimateP95(logStats([90, 100, 110]), []);
    assert.ok(Math.abs(estimate.p95Ms / estimate.medianMs - Math.exp(1.6449 * estimate.sigma)) < 1e-3);
  });
});
