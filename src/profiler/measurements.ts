// Turns invocation reports into the profile format's per-memory-size
// measurements. The one place that decides how a report counts:
// - cold = the report carries Init Duration (or SnapStart's Restore Duration);
// - warm-up = one of the first WARMUP_INVOCATIONS warm invocations at a size
//   after its latest cold start: kept (warmupDurationsMs) but not counted as
//   steady state (warmDurationsMs), because a JIT runtime (Node's V8) runs
//   them before it has optimized the hot code — in the fixtures' emulator
//   profiles the first warm call was a median 1.5× the steady state, the
//   second 1.2×, the third 1.13×, and from the fourth on within 5 %. A
//   production environment serves many requests, so its steady state is what
//   a plan's p95 is about. The sampling plan and the profiler bench's dense
//   truth apply the same rule;
// - errors count as invocations and errors but their durations are left out,
//   since a crash says nothing about how long the work takes;
// - timeouts keep their duration (the timeout): a caller really waited that
//   long, and dropping them would make p95 look better than it is.
// Reports must come in the order measured (the warm-up rule counts from each
// cold start). Sizes come out sorted ascending; durations keep their order.
// Linear in the number of reports (plus the sort of distinct sizes).
import type { MemoryMeasurement } from '../model/profile-types.ts';
import { isColdStart, startupDurationMs, type ReportRecord } from './report-line.ts';

/** Warm invocations after each cold start that count as warm-up, not steady state. */
export const WARMUP_INVOCATIONS = 3;

export function emptyMeasurement(memoryMb: number): MemoryMeasurement {
  return { memoryMb, warmDurationsMs: [], coldDurationsMs: [], initDurationsMs: [], maxMemoryUsedMb: 0, invocations: 0, errors: 0, timeouts: 0 };
}

/**
 * Splits one size's reports, in the order measured, into warm-up and steady
 * state: true for a warm report among the first `warmupInvocations` warm ones
 * since the latest cold start (or since the first report, when no cold start
 * was seen). Errors do not advance the count: they say nothing about the JIT.
 */
export function warmupFlags(reports: readonly ReportRecord[], warmupInvocations = WARMUP_INVOCATIONS): boolean[] {
  let warmSinceCold = 0;
  return reports.map((report) => {
    if (report.status === 'error') return false;
    if (isColdStart(report)) {
      warmSinceCold = 0;
      return false;
    }
    warmSinceCold += 1;
    return warmSinceCold <= warmupInvocations;
  });
}

/** Adds one report to the measurement of its memory size (mutates `into`); `warmup` files a warm duration as warm-up. */
export function addReport(into: MemoryMeasurement, report: ReportRecord, warmup = false): void {
  into.invocations += 1;
  into.maxMemoryUsedMb = Math.max(into.maxMemoryUsedMb, report.maxMemoryUsedMb);
  if (report.status === 'error') {
    into.errors += 1;
    return;
  }
  if (report.status === 'timeout') into.timeouts += 1;
  if (isColdStart(report)) {
    into.coldDurationsMs.push(report.durationMs);
    const startupMs = startupDurationMs(report);
    if (startupMs !== undefined) into.initDurationsMs.push(startupMs);
  } else if (warmup) {
    (into.warmupDurationsMs ??= []).push(report.durationMs);
  } else {
    into.warmDurationsMs.push(report.durationMs);
  }
}

/**
 * Groups reports by their Memory Size. `warmupInvocations` 0 keeps every warm
 * report as steady state (production logs interleave many environments, so
 * "after a cold start" cannot be told from them).
 */
export function measurementsFromReports(reports: readonly ReportRecord[], warmupInvocations = WARMUP_INVOCATIONS): MemoryMeasurement[] {
  const bySize = new Map<number, ReportRecord[]>();
  for (const report of reports) {
    const list = bySize.get(report.memorySizeMb);
    if (list) list.push(report);
    else bySize.set(report.memorySizeMb, [report]);
  }
  const measurements: MemoryMeasurement[] = [];
  for (const [memoryMb, list] of bySize) {
    const measurement = emptyMeasurement(memoryMb);
    const flags = warmupFlags(list, warmupInvocations);
    list.forEach((report, i) => addReport(measurement, report, flags[i]));
    measurements.push(measurement);
  }
  return measurements.sort((a, b) => a.memoryMb - b.memoryMb);
}
