// The arrival model and correlated cold starts: the pool model's numbers
// worked out by hand (src/sim/arrivals.ts), and the estimator running them —
// a burst's cold wave makes every stage of its executions cold together.
import assert from 'node:assert/strict';
import type { IR } from '../../src/ir/types.ts';
import { OVERHEADS } from '../../src/model/platform.ts';
import { coldSituations, inColdWave } from '../../src/sim/arrivals.ts';
import { estimate } from '../../src/sim/estimate.ts';
import { IDLE_ENVIRONMENT_LIFETIME_MS } from '../../src/spec/arrivals.ts';
import { deployAt, exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';

/** Every Task dispatch a constant 25 ms, so the hand-worked sums hold. */
const T = 25;
const CAL = constantCalibration({ taskMs: T });
const L_HOURS = OVERHEADS.idleEnvironmentLifetimeMs / 3_600_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** A 1 KB inline hop between two stages (irOf's default output). */
const HOP_MS = (1024 / OVERHEADS.inlineBytesPerSecond) * 1000;
const near = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) < 1e-6, `${what}: ${got} vs ${want}`);
const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-12 + 1e-9 * Math.abs(want), `${what}: ${got} vs ${want}`);

/** Every function 100 ms warm, 300 ms init (measured, constant), cold handler as fast as warm. */
function constantProfiles(ir: IR) {
  const names = [...ir.functions.keys()];
  return new Map(names.map((fn) => [fn, exactProfile(fn, () => 100, { count: 20, memoryMb: 1024, initDurationsMs: Array(8).fill(300) })]));
}

function chain(stages: number): IR {
  const needs: Record<string, string[]> = {};
  for (let i = 0; i < stages; i += 1) needs[`s${i}`] = i === 0 ? [] : [`s${i - 1}`];
  return irOf(needs);
}

describe('arrival model (pool of execution environments)', () => {
  it('gives steady traffic alone the independent odds exp(−λL) and no cold wave', () => {
    const s = coldSituations({ ratePerHour: 6 });
    assert.equal(s.coldWaveShare, 0);
    close(s.otherColdProbability, Math.exp(-6 * L_HOURS), 'cold odds');
    assert.equal(s.executionsPerHour, 6);
  });

  it('makes exactly the first of K bursts within the idle lifetime a cold wave, and the later ones warm', () => {
    // 10 at once every minute, 4 bursts after an idle start, no steady traffic: 10 of 40 executions are cold, all of their steps.
    const s = coldSituations({ ratePerHour: 0, burst: { executions: 10, everyMs: MINUTE_MS, count: 4 } });
    close(s.coldWaveShare, 1 / 4, 'wave share');
    assert.equal(s.otherColdProbability, 0);
    close(s.executionsPerHour, 600, 'executions per hour');
  });

  it('makes every burst a cold wave when bursts come further apart than the idle lifetime', () => {
    const s = coldSituations({ ratePerHour: 0, burst: { executions: 30, everyMs: HOUR_MS } });
    assert.equal(s.coldWaveShare, 1);
    close(s.meanColdProbability, 1, 'mean cold odds');
  });

  it('keeps bursts that go on within the idle lifetime warm', () => {
    const s = coldSituations({ ratePerHour: 0, burst: { executions: 30, everyMs: MINUTE_MS } });
    assert.equal(s.coldWaveShare, 0);
    assert.equal(s.otherColdProbability, 0);
  });

  it('mixes steady traffic and hourly bursts as the pool model says, by hand', () => {
    // 12/h steady: no steady execution within 5 min with odds e^−1. 10 at once every hour: 10/h.
    const s = coldSituations({ ratePerHour: 12, burst: { executions: 10, everyMs: HOUR_MS } });
    const idle = Math.exp(-1);
    const burstShare = 10 / 22;
    // One execution of a cold burst finds the environment steady traffic kept warm, when it did.
    const wave = burstShare * (1 - (1 - idle) / 10);
    close(s.coldWaveShare, wave, 'wave share');
    // A steady execution is cold when no steady execution and no burst came within 5 min (bursts hourly: 11/12).
    close(s.otherColdProbability, ((12 / 22) * idle * (11 / 12)) / (1 - wave), 'other cold odds');
    close(s.executionsPerHour, 22, 'executions per hour');
  });

  it('places exactly ⌊n·w⌋ of the first n samples in a cold wave', () => {
    for (const w of [0, 0.1, 0.25, 1 / 3, 1]) {
      let count = 0;
      for (let j = 0; j < 2000; j += 1) if (inColdWave(j, w)) count += 1;
      assert.equal(count, Math.floor(2000 * w + 1e-9), `w = ${w}`);
    }
  });

  it('uses the same idle lifetime in the spec checks as in the platform model', () => {
    assert.equal(IDLE_ENVIRONMENT_LIFETIME_MS, OVERHEADS.idleEnvironmentLifetimeMs);
  });
});

describe('estimate under bursts (correlated cold starts)', () => {
  it('runs exactly the first wave of a burst cold, every stage of it together', () => {
    const ir = chain(3);
    const profiles = constantProfiles(ir);
    const samples = 2000;
    const e = estimate(ir, deployAt(ir, 1024), profiles, { samples, seed: 4, calibration: CAL, arrivals: { ratePerHour: 0, burst: { executions: 10, everyMs: MINUTE_MS, count: 4 } } });
    const warmMs = 3 * (T + 100) + 2 * HOP_MS;
    const allColdMs = warmMs + 3 * 300;
    // A quarter of the executions have all three stages cold; none has one or two.
    near(e.latencyMs.p50, warmMs, 'p50');
    near(e.latencyMs.p90, allColdMs, 'p90');
    near(e.latencyMs.max, allColdMs, 'max');
    // Exactly 500 of 2000 executions pay three inits: 3 × (0.75 × 100 + 0.25 × 400) ms at 1 GB.
    close(e.breakdown.lambdaComputeUsd, (3 * (0.75 * 100 + 0.25 * 400) / 1000) * 0.0000166667, 'compute');
  });

  it('gives steady traffic through arrivals the same numbers as executionsPerHour, and the default 60/h when given nothing', () => {
    const ir = chain(3);
    const profiles = constantProfiles(ir);
    const d = deployAt(ir, 1024);
    assert.deepEqual(estimate(ir, d, profiles, { samples: 1000, seed: 2, calibration: CAL, arrivals: { ratePerHour: 6 } }), estimate(ir, d, profiles, { samples: 1000, seed: 2, calibration: CAL, executionsPerHour: 6 }));
    assert.deepEqual(estimate(ir, d, profiles, { samples: 1000, seed: 2, calibration: CAL }), estimate(ir, d, profiles, { samples: 1000, seed: 2, calibration: CAL, arrivals: { ratePerHour: 60 } }));
  });

  it("puts several stages cold at once into a burst's p95, where independent cold starts at the same rate put fewer", () => {
    const ir = chain(5);
    const profiles = constantProfiles(ir);
    const d = deployAt(ir, 1024);
    // 1 burst in 10 starts cold: 10 % of executions in a wave.
    const burst = estimate(ir, d, profiles, { samples: 4000, seed: 3, calibration: CAL, arrivals: { ratePerHour: 0, burst: { executions: 10, everyMs: MINUTE_MS, count: 10 } } });
    // Steady traffic with the same 10 % cold odds per invocation, drawn independently: λ with e^(−λL) = 0.1.
    const independent = estimate(ir, d, profiles, { samples: 4000, seed: 3, calibration: CAL, arrivals: { ratePerHour: Math.log(10) / L_HOURS } });
    const warmMs = 5 * (T + 100) + 4 * HOP_MS;
    near(burst.latencyMs.p95, warmMs + 5 * 300, 'burst p95');
    // Independently, P(≥ 3 of 5 cold) = 0.86 %: the p95 has at most two inits.
    assert.ok(independent.latencyMs.p95 <= warmMs + 2 * 300 + 1e-6, `independent p95 ${independent.latencyMs.p95}`);
    assert.ok(burst.latencyMs.p95 > independent.latencyMs.p95);
    // The same share of cold invocations either way: the bills agree within the independent draws' noise.
    assert.ok(Math.abs(burst.breakdown.lambdaComputeUsd / independent.breakdown.lambdaComputeUsd - 1) < 0.05);
  });

  it("runs a map's first wave of invocations cold in a cold wave and reuses their environments for the rest", () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 20 } } });
    const node = ir.graph.node('m');
    if (node.kind === 'map') node.maxConcurrency = 5;
    const profiles = constantProfiles(ir);
    const e = estimate(ir, deployAt(ir, 1024), profiles, { samples: 500, seed: 1, calibration: CAL, arrivals: { ratePerHour: 0, burst: { executions: 4, everyMs: HOUR_MS } } });
    // Every execution in a wave: each of 5 slots runs one cold item (100 + 300) after the map's dispatch, then three
    // warm ones, each started by a dispatch of its own when the slot frees.
    assert.equal(e.latencyMs.p50, T + 400 + 3 * (T + 100));
    assert.equal(e.latencyMs.max, T + 400 + 3 * (T + 100));
  });
});
