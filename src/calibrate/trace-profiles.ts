// Function profiles from a trace file's Lambda durations alone — what a REPORT
// line shows (Duration, Init Duration on a cold start) — at the trace's memory
// size, so a trace's workflow can be simulated from its own measurements and
// compared with its end-to-end latencies (bench/fidelity-traces.ts). Rows
// without provider fields are left out.
// Decided: a function measured only cold (a burst: every invocation a new
// environment) gets its cold Durations as its warm ones too: a profile needs
// a warm distribution, and the handler time of a cold invocation is the best
// measurement there is of it (the estimator then adds the Init draws on top).
// A function the workflow runs but the trace has no row of (a state that
// failed before SeBS's wrapper wrote its measurement: trip-booking's confirm)
// can be given a stand-in (standInFor): the Durations of every measured
// function of the file pooled — same workflow, runtime, memory and deployment,
// the nearest evidence there is — and its source says it is a stand-in. Left
// out, such a state could not be simulated at all, and a path without it is
// shorter than the one the executions ran.
// The profiles come back as an app's are read (src/model/cold-prior.ts): a
// function with few cold samples shrinks toward the file's other measured
// functions' (a stand-in's pooled samples and cold samples standing in for
// warm ones are not evidence of a cold/warm ratio).
// Complexity: O(rows).
import { withColdPriors } from '../model/cold-prior.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import { profileFromReports } from '../profiler/from-logs.ts';
import type { ReportRecord } from '../profiler/report-line.ts';
import type { TraceFile } from './trace-file.ts';

export interface TraceProfileOptions {
  /** Functions to give the pooled stand-in profile when the trace has no usable row of them. */
  standInFor?: readonly string[];
}

export function profilesFromTrace(trace: TraceFile, memoryMb: number, options: TraceProfileOptions = {}): Map<string, FunctionProfile> {
  const reports = new Map<string, ReportRecord[]>();
  const pooled: ReportRecord[] = [];
  for (const row of trace.invocations) {
    if (row.durationMs === undefined || (row.cold && row.initMs === undefined)) continue;
    const report: ReportRecord = { durationMs: row.durationMs, billedDurationMs: Math.ceil(row.durationMs), memorySizeMb: memoryMb, maxMemoryUsedMb: 0, status: 'success' };
    if (row.cold) report.initDurationMs = row.initMs!;
    const list = reports.get(row.func);
    if (list) list.push(report);
    else reports.set(row.func, [report]);
    pooled.push(report);
  }
  const measured = [...reports.keys()].sort();
  const descriptions = new Map(measured.map((func) => [func, `Lambda durations of ${func} in ${trace.file}`]));
  for (const func of options.standInFor ?? []) {
    if (reports.has(func) || pooled.length === 0) continue;
    reports.set(func, pooled);
    descriptions.set(func, `stand-in: ${trace.file} has no row of ${func}; the Lambda durations of its ${measured.length} measured functions (${measured.join(', ')}) pooled`);
  }
  const profiles = new Map<string, FunctionProfile>();
  // The prior's evidence (cold-prior.ts): measured functions with warm samples of their own — not a stand-in
  // (its samples are the others'), nor cold samples standing in for warm ones (their ratio is 1 by construction).
  const evidence = new Map<string, FunctionProfile>();
  for (const func of [...reports.keys()].sort()) {
    const profile = profileFromReports(func, 'x86_64', reports.get(func)!, descriptions.get(func)!);
    let coldAsWarm = false;
    for (const m of profile.architectures.x86_64!.measurements) {
      if (m.warmDurationsMs.length > 0) continue;
      m.warmDurationsMs = [...m.coldDurationsMs];
      coldAsWarm = true;
    }
    profiles.set(func, profile);
    if (measured.includes(func) && !coldAsWarm) evidence.set(func, profile);
  }
  // Read together, as readProfiles reads an app's: a function with few cold samples shrinks toward the others'.
  for (const [func, profile] of withColdPriors(evidence)) profiles.set(func, profile);
  return profiles;
}
