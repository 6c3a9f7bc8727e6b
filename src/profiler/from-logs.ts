// Builds profiles from REPORT lines that already exist — a text file or a
// CloudWatch log group — without invoking anything. Reports are grouped by
// their Memory Size; cold/warm/error/timeout are counted as in
// measurements.ts. Since REPORT lines carry no architecture, the caller says
// which architecture the logs are from (the function's current one).
//
// CloudWatch is read with FilterLogEvents, following nextToken until the
// service says there is no more (pages may be empty while it searches), with
// a filter pattern that keeps only REPORT lines (or, for JSON-format logs,
// platform.report records). Cost: one request per page; memory linear in the
// matching events.
import { errorCode, readTextLimited } from '../io/read-limited.ts';
import { LIMITS } from '../spec/limits.ts';
import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DagcUserError, isUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { profilerDiagnostics } from '../diagnostics/profiler.ts';
import { PROFILE_SCHEMA_VERSION, type FunctionProfile } from '../model/profile-types.ts';
import type { Architecture } from '../spec/types.ts';
import { measurementsFromReports } from './measurements.ts';
import type { ReportRecord } from './report-line.ts';
import { scanLogMessages, scanReportText, type ScanResult } from './report-scan.ts';
import { DEFAULT_RETRY_POLICY, describeError, withRetry, type RetryHooks, type RetryPolicy } from './retry.ts';

export interface LogReadResult extends ScanResult {
  /** In words, for the profile's source and for messages. */
  description: string;
}

export async function readReportsFromFile(file: string): Promise<LogReadResult> {
  let text: string;
  try {
    text = readTextLimited(file, { what: 'log file', maxBytes: LIMITS.logFileBytes });
  } catch (error) {
    if (isUserError(error)) throw error;
    const code = errorCode(error);
    const detail = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new DagcUserError([profilerDiagnostics.logFileUnreadable(file, detail)]);
  }
  return { ...scanReportText(text), description: `REPORT lines in ${file}` };
}

/**
 * Text-format logs hold `REPORT …` lines; JSON-format logs hold
 * `"type":"platform.report"` records. One plain term each, tried in that
 * order (the second only when the first finds nothing): plain terms work on
 * CloudWatch and on every emulator, where the `?a ?b` OR syntax may not.
 */
export const REPORT_FILTER_PATTERNS = ['REPORT', '"platform.report"'] as const;

export interface LogGroupReadOptions {
  startTimeMs?: number;
  endTimeMs?: number;
  signal?: AbortSignal;
  retryPolicy?: RetryPolicy;
  retryHooks?: RetryHooks;
  /** Called after each page, for progress output. */
  onPage?: (page: { pages: number; events: number }) => void;
}

export async function readReportsFromLogGroup(
  client: Pick<CloudWatchLogsClient, 'send'>,
  logGroupName: string,
  options: LogGroupReadOptions = {},
): Promise<LogReadResult> {
  let messages: string[] = [];
  for (const filterPattern of REPORT_FILTER_PATTERNS) {
    messages = await filterMessages(client, logGroupName, filterPattern, options);
    if (scanLogMessages(messages).records.length > 0) break;
  }
  return { ...scanLogMessages(messages), description: `REPORT lines in CloudWatch log group ${logGroupName}` };
}

async function filterMessages(client: Pick<CloudWatchLogsClient, 'send'>, logGroupName: string, filterPattern: string, options: LogGroupReadOptions): Promise<string[]> {
  const messages: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const command = new FilterLogEventsCommand({ logGroupName, filterPattern, startTime: options.startTimeMs, endTime: options.endTimeMs, nextToken });
    let output;
    try {
      output = await withRetry(
        `FilterLogEvents ${logGroupName}`,
        () => client.send(command, { abortSignal: options.signal }),
        options.retryPolicy ?? DEFAULT_RETRY_POLICY,
        { ...options.retryHooks, signal: options.signal },
      );
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'ResourceNotFoundException') throw new DagcUserError([profilerDiagnostics.logGroupNotFound(logGroupName)]);
      if (name === 'AccessDeniedException' || name === 'UnrecognizedClientException') {
        throw new DagcUserError([profilerDiagnostics.accessDenied(describeError(error))]);
      }
      throw error;
    }
    pages += 1;
    for (const event of output.events ?? []) if (event.message !== undefined) messages.push(event.message);
    options.onPage?.({ pages, events: messages.length });
    nextToken = output.nextToken;
  } while (nextToken);
  return messages;
}

/** The warnings a read deserves, and a user error when it found nothing. */
export function checkLogRead(result: LogReadResult): Diagnostic[] {
  if (result.records.length === 0) throw new DagcUserError([profilerDiagnostics.noReports(result.description)]);
  const first = result.unreadable[0];
  return first ? [profilerDiagnostics.unreadableReports(result.description, result.unreadable.length, first.line)] : [];
}

/** A profile (without a fitted model) from the reports of one function. */
export function profileFromReports(
  functionName: string,
  architecture: Architecture,
  reports: readonly ReportRecord[],
  description: string,
): FunctionProfile {
  return {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    function: functionName,
    source: { kind: 'logs', description },
    architectures: { [architecture]: { measurements: measurementsFromReports(reports, 0) } },
  };
}
