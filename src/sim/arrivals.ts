// How executions arrive, and what that means for cold starts: the estimator's
// arrival model (steady Poisson traffic, bursts of N concurrent executions
// every T, or both) turned once per estimate into a mixture over execution
// "situations" that the sampling loop can draw without knowing about time.
//
// The pool model (Lambda's, per step): an execution environment serves one
// invocation at a time and stays warm for OVERHEADS.idleEnvironmentLifetimeMs
// (L) after its last use. A burst of N concurrent executions needs N
// environments per step (N × the map's invocations in flight for a map).
// - A burst that finds its pool expired (the previous burst more than L ago, or
//   the first burst of an episode that starts idle) is a cold wave: every
//   execution of it runs every step cold, together — except the one execution
//   that finds the environments steady traffic kept warm, which happens with
//   the odds 1 − exp(−λL) that a steady execution ran within L.
// - A burst within L of the previous one reuses that burst's N environments:
//   all warm (the pool is as large as the burst).
// - A steady execution is cold at a step when neither steady traffic (odds
//   exp(−λL) that none ran within L) nor a burst (odds max(0, 1 − L/T) that
//   none came within L, bursts going on) kept an environment warm; its steps
//   are cold independently, as before this model existed.
// So an execution is in a cold wave with probability coldWaveShare (all its
// invocations not covered by provisioned concurrency or warm-up pings cold:
// every task, a map's first wave of invocations in flight), otherwise each of
// its invocations is cold independently with otherColdProbability (the steady
// and warm-burst executions' odds, weighted by their shares).
// Assumed, not modelled: environments are per step (two steps of one function
// do not share a pool), steady executions arrive while the bursts go on, a
// map's width in a later burst is no wider than in the first, Lambda's
// occasional recycling of busy environments and its account concurrency
// limits are not hit, and provisioned concurrency covers a step's first
// `prewarm` invocations of each execution whatever the burst.
// Which executions are in a wave is not drawn: the estimate's sample j is in a
// wave when ⌊(j + 1)·w⌋ > ⌊j·w⌋ (w = coldWaveShare) — proportional
// stratification of the mixture, so exactly ⌊n·w⌋ of n samples are, the
// random stream is that of the independent model, and a steady-only model
// (w = 0) draws exactly what it drew before bursts existed.
import type { ArrivalModel } from '../ir/types.ts';
import { OVERHEADS } from '../model/platform.ts';

export type { ArrivalModel, BurstArrivals } from '../ir/types.ts';

/** The model that committed plans assume: one execution a minute, steady. */
export const DEFAULT_ARRIVALS: ArrivalModel = { ratePerHour: 60 };

/** Below this traffic, provisioned concurrency's cost per execution is taken at this rate rather than dividing by ~0. */
const MIN_EXECUTIONS_PER_HOUR = 1e-6;
const HOUR_MS = 3_600_000;

export interface ColdSituations {
  /** Share of executions that run in a cold wave (every invocation cold together). */
  coldWaveShare: number;
  /** Cold odds of each invocation of every other execution, independently. */
  otherColdProbability: number;
  /** Mean cold odds of one invocation over all executions (what a warm-up ping is cold with). */
  meanColdProbability: number;
  /** Executions per hour, steady and burst together: provisioned concurrency's cost is spread over them. */
  executionsPerHour: number;
}

export function coldSituations(arrivals: ArrivalModel, idleLifetimeMs: number = OVERHEADS.idleEnvironmentLifetimeMs): ColdSituations {
  const steadyPerHour = Math.max(0, arrivals.ratePerHour);
  // Odds that no steady execution ran within the idle lifetime.
  const steadyIdle = Math.exp((-steadyPerHour * idleLifetimeMs) / HOUR_MS);
  const burst = arrivals.burst;
  if (!burst) {
    const executionsPerHour = Math.max(steadyPerHour, MIN_EXECUTIONS_PER_HOUR);
    const p = Math.exp((-executionsPerHour * idleLifetimeMs) / HOUR_MS);
    return { coldWaveShare: 0, otherColdProbability: p, meanColdProbability: p, executionsPerHour };
  }
  const n = burst.executions;
  const burstPerHour = (n * HOUR_MS) / burst.everyMs;
  const executionsPerHour = Math.max(steadyPerHour + burstPerHour, MIN_EXECUTIONS_PER_HOUR);
  const burstShare = burstPerHour / (steadyPerHour + burstPerHour);
  const expired = burst.everyMs > idleLifetimeMs;
  // Bursts that find their pool expired: all of them when they come further apart than the lifetime, else an episode's first.
  const coldBursts = expired ? 1 : burst.count !== undefined ? 1 / burst.count : 0;
  // In such a burst, one execution takes the environments steady traffic kept warm (when it did).
  const waveWithinColdBurst = 1 - (1 - steadyIdle) / n;
  const coldWaveShare = burstShare * coldBursts * waveWithinColdBurst;
  // A steady execution is cold where neither kind of traffic came within the lifetime; warm bursts' executions are warm.
  const noBurstWithin = expired ? 1 - idleLifetimeMs / burst.everyMs : 0;
  const steadyCold = steadyIdle * noBurstWithin;
  const others = 1 - coldWaveShare;
  const otherColdProbability = others > 0 ? ((1 - burstShare) * steadyCold) / others : 0;
  return { coldWaveShare, otherColdProbability, meanColdProbability: coldWaveShare + others * otherColdProbability, executionsPerHour };
}

/** Whether the estimate's sample `index` runs in a cold wave (the stratification in the header). */
export function inColdWave(index: number, coldWaveShare: number): boolean {
  return Math.floor((index + 1) * coldWaveShare) > Math.floor(index * coldWaveShare);
}
