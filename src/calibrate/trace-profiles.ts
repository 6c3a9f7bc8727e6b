// Function profiles from a trace file's Lambda durations alone — what a REPORT
// line shows (Duration, Init Duration on a cold start) — at the trace's memory
// size, so a trace's workflow can be simulated from its own measurements and
// compared with its end-to-end latencies (bench/fidelity-traces.ts). Rows
// without provider fields are left out.
// Decided: a function measured only cold (a burst: every invocation a new
// environment) gets its cold Durations as its warm ones too: a profile needs
// a warm distribution, and the handler time of a cold invocation is the best
// measurement there is of it (the estimator then adds the Init draws on top).
// Complexity: O(rows).
import type { FunctionProfile } from '../model/profile-types.ts';
import { profileFromReports } from '../profiler/from-logs.ts';
import type { ReportRecord } from '../profiler/report-line.ts';
import type { TraceFile } from './trace-file.ts';

export function profilesFromTrace(trace: TraceFile, memoryMb: number): Map<string, FunctionProfile> {
  const reports = new Map<string, ReportRecord[]>();
  for (const row of trace.invocations) {
    if (row.durationMs === undefined || (row.cold && row.initMs === undefined)) continue;
    const report: ReportRecord = { durationMs: row.durationMs, billedDurationMs: Math.ceil(row.durationMs), memorySizeMb: memoryMb, maxMemoryUsedMb: 0, status: 'success' };
    if (row.cold) report.initDurationMs = row.initMs!;
    const list = reports.get(row.func);
    if (list) list.push(report);
    else reports.set(row.func, [report]);
  }
  const profiles = new Map<string, FunctionProfile>();
  for (const func of [...reports.keys()].sort()) {
    const profile = profileFromReports(func, 'x86_64', reports.get(func)!, `Lambda durations of ${func} in ${trace.file}`);
    for (const m of profile.architectures.x86_64!.measurements) if (m.warmDurationsMs.length === 0) m.warmDurationsMs = [...m.coldDurationsMs];
    profiles.set(func, profile);
  }
  return profiles;
}
