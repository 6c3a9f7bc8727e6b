// The profile format: what one-time profiling measured for one function, per
// architecture and memory size, plus a fitted model that predicts sizes that
// were not measured. Written by src/profiler (emulator, AWS, production logs,
// CSV imports), read by src/sim and src/passes. Versioned; its JSON Schema
// lives beside the loader (src/model/profile.ts).
import type { Architecture } from '../spec/types.ts';

export const PROFILE_SCHEMA_VERSION = 1;

export type ProfileSourceKind = 'emulator' | 'aws' | 'logs' | 'csv' | 'provisional';

export interface ProfileSource {
  kind: ProfileSourceKind;
  /** Where the numbers came from, in words: a dataset and its origin, a log group, a region. */
  description: string;
  /** AWS region, or "local" for the emulator. */
  region?: string;
  /** ISO date-time of the measurement (omitted where unknown, e.g. imported data). */
  measuredAt?: string;
}

/** Everything measured at one memory size on one architecture. */
export interface MemoryMeasurement {
  memoryMb: number;
  /**
   * REPORT `Duration` of steady-state warm invocations, in the order measured:
   * what the fit, the predictor and the estimator read.
   */
  warmDurationsMs: number[];
  /**
   * REPORT `Duration` of the first warm invocations after each cold start
   * (src/profiler/measurements.ts, WARMUP_INVOCATIONS), kept as data but left
   * out of warmDurationsMs: a runtime that has not yet optimized its hot code
   * is a short transient of each new environment, not its steady state.
   * Absent in profiles written before the split (all warm samples in warmDurationsMs).
   */
  warmupDurationsMs?: number[];
  /** REPORT `Duration` of cold invocations (not counting init). */
  coldDurationsMs: number[];
  /** REPORT `Init Duration` of cold invocations. */
  initDurationsMs: number[];
  /** Largest REPORT `Max Memory Used` seen. */
  maxMemoryUsedMb: number;
  /** Invocations paid for at this size, including errors and timeouts. */
  invocations: number;
  errors: number;
  timeouts: number;
}

/**
 * Predicts the duration distribution at any memory size. Median duration is
 * serialMs + parallelMs / min(vcpu(memory), maxUsefulVcpu) — Amdahl's law over
 * the vCPU share Lambda grants — and samples are that median times a
 * lognormal factor exp(sigma * z).
 */
export interface FittedDurationModel {
  kind: 'amdahl-lognormal';
  serialMs: number;
  parallelMs: number;
  /** vCPUs beyond which the function stops speeding up (its thread count). */
  maxUsefulVcpu: number;
  /** Lognormal shape of warm-duration noise around the median. */
  sigma: number;
  /** Median init duration of a cold start. */
  initMs: number;
  /** Mean absolute percentage error of the fitted median on the measured sizes. */
  fitErrorPct: number;
}

export interface ArchitectureProfile {
  /** Sorted by memoryMb, ascending. */
  measurements: MemoryMeasurement[];
  model?: FittedDurationModel;
  /**
   * The cold evidence of the app's other functions on this architecture, which a function with few cold
   * samples of its own shrinks toward (src/model/cold-prior.ts). Set when an app's profiles are read
   * together; never part of a profile file.
   */
  coldPrior?: ColdPrior;
}

/** Other functions' cold handler durations as log ratios to their warm median at the same size. */
export interface ColdPrior {
  /** Median of ln(cold Duration / warm median at its size) over their cold samples. */
  medianLogRatio: number;
  /** How many cold samples, from how many functions. */
  samples: number;
  functions: number;
}

export interface FunctionProfile {
  schemaVersion: typeof PROFILE_SCHEMA_VERSION;
  function: string;
  source: ProfileSource;
  architectures: Partial<Record<Architecture, ArchitectureProfile>>;
}
