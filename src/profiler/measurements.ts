// Turns invocation reports into the profile format's per-memory-size
// measurements. The one place that decides how a report counts:
// - cold = the report carries Init Duration (or SnapStart's Restore Duration);
// - errors count as invocations and errors but their durations are left out,
//   since a crash says nothing about how long the work takes;
// - timeouts keep their duration (the timeout): a caller really waited that
//   long, and dropping them would make p95 look better than it is.
// Sizes come out sorted ascending; durations keep the order they were measured.
// Linear in the number of reports (plus the sort of distinct sizes).
import type { MemoryMeasurement } from '../model/profile-types.ts';
import { isColdStart, startupDurationMs, type ReportRecord } from './report-line.ts';

export function emptyMeasurement(memoryMb: number): MemoryMeasurement {
  return { memoryMb, warmDurationsMs: [], coldDurationsMs: [], initDurationsMs: [], maxMemoryUsedMb: 0, invocations: 0, errors: 0, timeouts: 0 };
}

/** Adds one report to the measurement of its memory size (mutates `into`). */
export function addReport(into: MemoryMeasurement, report: ReportRecord): void {
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
  } else {
    into.warmDurationsMs.push(report.durationMs);
  }
}

/** Groups reports by their Memory Size. */
export function measurementsFromReports(reports: readonly ReportRecord[]): MemoryMeasurement[] {
  const bySize = new Map<number, MemoryMeasurement>();
  for (const report of reports) {
    let measurement = bySize.get(report.memorySizeMb);
    if (!measurement) {
      measurement = emptyMeasurement(report.memorySizeMb);
      bySize.set(report.memorySizeMb, measurement);
    }
    addReport(measurement, report);
  }
  return [...bySize.values()].sort((a, b) => a.memoryMb - b.memoryMb);
}
