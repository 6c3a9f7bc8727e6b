// The library behind `dagc calibrate`: executions in, a PlatformCalibration
// out, from either source of histories —
//   a state machine through the SDK (sfn-histories.ts), with the REPORT lines
//   of the Lambdas its Tasks invoked read from their CloudWatch log groups
//   (/aws/lambda/<name>, the executions' time window ± a minute) to separate
//   each Task's handler time from the platform's;
//   history files (GetExecutionHistory output, e.g. `dagc run --local
//   --history`), with REPORT lines from a file when there is one.
// and trace files through trace-source.ts. The CLI only parses flags and writes.
import { readFileSync } from 'node:fs';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DagcUserError, isUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { calibrateDiagnostics } from '../diagnostics/calibrate.ts';
import type { OrchestrationType, PlatformCalibration } from '../model/calibration.ts';
import { readReportsFromFile, readReportsFromLogGroup } from '../profiler/from-logs.ts';
import type { ReportRecord } from '../profiler/report-line.ts';
import { calibrationFromObservations } from './calibration-from-observations.ts';
import { gapsFromHistory, scheduledFunctionName, timestampMs, type HistoryEventLike, type HistoryGap, type InvocationReport } from './history-gaps.ts';
import { readStateMachineHistories, type ReadHistoriesOptions } from './sfn-histories.ts';

export interface CalibrateResult {
  calibration: PlatformCalibration;
  gaps: HistoryGap[];
  executions: number;
  lambdaTasks: number;
  /** Tasks left out of the dispatch fit: no REPORT line to join. */
  withoutReport: number;
  warnings: Diagnostic[];
}

interface History {
  execution: string;
  events: readonly HistoryEventLike[];
}

/** Gaps of every history, and the calibration fitted from them. */
export function calibrateFromHistories(histories: readonly History[], orchestration: OrchestrationType, reports: ReadonlyMap<string, InvocationReport>, source: string): CalibrateResult {
  const gaps: HistoryGap[] = [];
  let lambdaTasks = 0;
  let withoutReport = 0;
  for (const history of histories) {
    const found = gapsFromHistory({ ...history, orchestration }, reports);
    gaps.push(...found.gaps);
    lambdaTasks += found.lambdaTasks;
    withoutReport += found.stateMachineOnly.length;
  }
  const warnings = withoutReport > 0 ? [calibrateDiagnostics.noReports(withoutReport)] : [];
  return { calibration: calibrationFromObservations(gaps, source), gaps, executions: histories.length, lambdaTasks, withoutReport, warnings };
}

export function reportsByRequestId(records: readonly ReportRecord[]): Map<string, InvocationReport> {
  const reports = new Map<string, InvocationReport>();
  for (const r of records) {
    if (r.requestId === undefined || r.status !== 'success') continue;
    reports.set(r.requestId, { durationMs: r.durationMs, ...(r.initDurationMs === undefined ? {} : { initDurationMs: r.initDurationMs }) });
  }
  return reports;
}

export interface StateMachineCalibrateOptions extends ReadHistoriesOptions {
  /** Skip the log groups (no logs:FilterLogEvents): Task dispatch then keeps its defaults. */
  skipLogs?: boolean;
}

export async function calibrateFromStateMachine(clients: { sfn: Pick<SFNClient, 'send'>; logs: Pick<CloudWatchLogsClient, 'send'> }, options: StateMachineCalibrateOptions): Promise<CalibrateResult & { resumed: number }> {
  const read = await readStateMachineHistories(clients.sfn, options);
  const histories = read.executions.map((e) => ({ execution: e.executionArn, events: e.events }));
  const warnings: Diagnostic[] = [];
  const reports = new Map<string, InvocationReport>();
  if (!options.skipLogs) {
    const times = histories.flatMap((h) => h.events.map((e) => timestampMs(e.timestamp)));
    const window = { startTimeMs: Math.min(...times) - 60_000, endTimeMs: Math.max(...times) + 60_000 };
    const functions = [...new Set(histories.flatMap((h) => h.events.map(scheduledFunctionName).filter((n): n is string => n !== undefined)).map(bareName))].sort();
    for (const fn of functions) {
      try {
        const found = await readReportsFromLogGroup(clients.logs, `/aws/lambda/${fn}`, { ...window, ...(options.signal ? { signal: options.signal } : {}), ...(options.retryHooks ? { retryHooks: options.retryHooks } : {}) });
        for (const [id, report] of reportsByRequestId(found.records)) reports.set(id, report);
      } catch (error) {
        // One unreadable log group costs that function's Tasks, not the calibration: they are counted and warned about.
        if (!isUserError(error)) throw error;
      }
    }
  }
  const source = `Step Functions histories of ${options.stateMachineArn} (${histories.length} executions${options.skipLogs ? ', no REPORT lines' : ''})`;
  const result = calibrateFromHistories(histories, read.orchestration, reports, source);
  return { ...result, warnings: [...warnings, ...result.warnings], resumed: read.resumed };
}

/** function name from a name, a partial or full ARN, with or without a version or alias. */
function bareName(functionName: string): string {
  const arn = /(?:^|:)function:([^:]+)/.exec(functionName);
  return arn ? arn[1]! : functionName.split(':')[0]!;
}

/** History files ({"events": [...]}, GetExecutionHistory's shape), REPORT lines optionally from a file. */
export async function calibrateFromHistoryFiles(files: readonly string[], orchestration: OrchestrationType, reportsFile: string | undefined): Promise<CalibrateResult> {
  const histories = files.map((file) => ({ execution: file, events: readHistoryFile(file) }));
  const reports = reportsFile ? reportsByRequestId((await readReportsFromFile(reportsFile)).records) : new Map<string, InvocationReport>();
  const names = files.length === 1 ? files[0]! : `${files.length} history files`;
  return calibrateFromHistories(histories, orchestration, reports, `Step Functions histories in ${names}${reportsFile ? ` with REPORT lines of ${reportsFile}` : ''}`);
}

function readHistoryFile(file: string): HistoryEventLike[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DagcUserError([calibrateDiagnostics.historyUnreadable(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message)]);
  }
  const events = (value as { events?: unknown })?.events;
  if (!Array.isArray(events) || events.some((e) => typeof e !== 'object' || e === null || typeof (e as HistoryEventLike).id !== 'number' || typeof (e as HistoryEventLike).type !== 'string')) {
    throw new DagcUserError([calibrateDiagnostics.historyUnreadable(file, 'expected {"events": [{"id", "previousEventId", "timestamp", "type", …}]}')]);
  }
  return events as HistoryEventLike[];
}
