// Reads the numbers Lambda reports for one invocation: the plain-text REPORT
// line and the JSON `platform.report` record. Decides nothing; the profiler
// and --from-logs classify what it returns.
//
// Assumes: fields are `Label: value` pairs separated by tabs or single spaces
// (both occur in real logs); the RequestId may be missing or shortened; X-Ray
// fields may sit on the same line or on the next `XRAY TraceId:` line; units
// are ms and MB. Unknown trailing text after a known value is ignored, so new
// fields Lambda may add do not break parsing. Linear in the line length.

export type InvocationStatus = 'success' | 'timeout' | 'error';

export interface XrayFields {
  traceId: string;
  segmentId?: string;
  sampled?: boolean;
}

/** One invocation's report. Durations in ms, memory in MB. */
export interface ReportRecord {
  requestId?: string;
  durationMs: number;
  /** What AWS billed: 100 ms or 1 ms granularity, and since 2025 sometimes including init. */
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Present on a cold start (a new execution environment loaded the code). */
  initDurationMs?: number;
  /** SnapStart: a cold start restored from a snapshot instead of running init. */
  restoreDurationMs?: number;
  billedRestoreDurationMs?: number;
  status: InvocationStatus;
  errorType?: string;
  xray?: XrayFields;
}

// Longest labels first so that "Billed Restore Duration" wins over "Duration".
const LABELS = [
  'Billed Restore Duration',
  'Restore Duration',
  'Billed Duration',
  'Init Duration',
  'Max Memory Used',
  'Memory Size',
  'XRAY TraceId',
  'Error Type',
  'Duration',
  'RequestId',
  'SegmentId',
  'Sampled',
  'TraceId',
  'Status',
] as const;
type Label = (typeof LABELS)[number];

const LABEL_PATTERN = new RegExp(`(?<=^|\\s)(${LABELS.join('|')}):`, 'g');
const REPORT_START = /(?:^|\s)REPORT\s+(?=(?:RequestId|Duration):)/;
const XRAY_START = /(?:^|\s)XRAY\s+TraceId:/;

function splitFields(text: string): Map<Label, string> {
  const fields = new Map<Label, string>();
  const matches = [...text.matchAll(LABEL_PATTERN)];
  matches.forEach((match, i) => {
    const start = match.index + match[0].length;
    const end = i + 1 < matches.length ? matches[i + 1]!.index : text.length;
    const label = match[1] as Label;
    if (!fields.has(label)) fields.set(label, text.slice(start, end).trim());
  });
  return fields;
}

/** The leading number of a value such as "718.65 ms" or "128 MB". */
function leadingNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)/.exec(value);
  return match ? Number(match[1]) : undefined;
}

function firstToken(value: string | undefined): string | undefined {
  const token = value?.split(/\s+/)[0];
  return token ? token : undefined;
}

function parseStatus(value: string | undefined): InvocationStatus {
  const token = firstToken(value)?.toLowerCase();
  if (token === undefined || token === 'success') return 'success';
  if (token === 'timeout') return 'timeout';
  return 'error';
}

function xrayFrom(fields: Map<Label, string>): XrayFields | undefined {
  const traceId = firstToken(fields.get('XRAY TraceId') ?? fields.get('TraceId'));
  if (traceId === undefined) return undefined;
  const xray: XrayFields = { traceId };
  const segmentId = firstToken(fields.get('SegmentId'));
  if (segmentId !== undefined) xray.segmentId = segmentId;
  const sampled = firstToken(fields.get('Sampled'));
  if (sampled !== undefined) xray.sampled = sampled === 'true';
  return xray;
}

/** True when the text holds a REPORT line (parsable or not). */
export function looksLikeReportLine(text: string): boolean {
  return REPORT_START.test(text);
}

/**
 * Parses one REPORT line (anything before `REPORT`, such as a timestamp, is
 * skipped). Undefined when the line is not a REPORT line or lacks one of the
 * four fields every REPORT line carries.
 */
export function parseReportLine(line: string): ReportRecord | undefined {
  const start = REPORT_START.exec(line);
  if (!start) return undefined;
  const fields = splitFields(line.slice(start.index + start[0].length));
  const durationMs = leadingNumber(fields.get('Duration'));
  const billedDurationMs = leadingNumber(fields.get('Billed Duration'));
  const memorySizeMb = leadingNumber(fields.get('Memory Size'));
  const maxMemoryUsedMb = leadingNumber(fields.get('Max Memory Used'));
  if (durationMs === undefined || billedDurationMs === undefined || memorySizeMb === undefined || maxMemoryUsedMb === undefined) {
    return undefined;
  }
  const record: ReportRecord = { durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb, status: parseStatus(fields.get('Status')) };
  const requestId = firstToken(fields.get('RequestId'));
  if (requestId !== undefined) record.requestId = requestId;
  const initDurationMs = leadingNumber(fields.get('Init Duration'));
  if (initDurationMs !== undefined) record.initDurationMs = initDurationMs;
  const restoreDurationMs = leadingNumber(fields.get('Restore Duration'));
  if (restoreDurationMs !== undefined) record.restoreDurationMs = restoreDurationMs;
  const billedRestoreDurationMs = leadingNumber(fields.get('Billed Restore Duration'));
  if (billedRestoreDurationMs !== undefined) record.billedRestoreDurationMs = billedRestoreDurationMs;
  const errorType = firstToken(fields.get('Error Type'));
  if (errorType !== undefined) record.errorType = errorType;
  const xray = xrayFrom(fields);
  if (xray) record.xray = xray;
  return record;
}

/** Parses a separate `XRAY TraceId: … SegmentId: … Sampled: …` line. */
export function parseXrayLine(line: string): XrayFields | undefined {
  const start = XRAY_START.exec(line);
  if (!start) return undefined;
  return xrayFrom(splitFields(line.slice(start.index + 1)));
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Parses a JSON log record of type `platform.report` (JSON log format and the
 * Telemetry API). Accepts the parsed object or its text.
 */
export function parsePlatformReport(input: unknown): ReportRecord | undefined {
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const event = value as { type?: unknown; record?: Record<string, unknown> };
  if (event.type !== 'platform.report' || typeof event.record !== 'object' || event.record === null) return undefined;
  const metrics = (event.record.metrics ?? {}) as Record<string, unknown>;
  const durationMs = finiteNumber(metrics.durationMs);
  const billedDurationMs = finiteNumber(metrics.billedDurationMs);
  const memorySizeMb = finiteNumber(metrics.memorySizeMB);
  const maxMemoryUsedMb = finiteNumber(metrics.maxMemoryUsedMB);
  if (durationMs === undefined || billedDurationMs === undefined || memorySizeMb === undefined || maxMemoryUsedMb === undefined) {
    return undefined;
  }
  const status = typeof event.record.status === 'string' ? parseStatus(event.record.status) : 'success';
  const record: ReportRecord = { durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb, status };
  if (typeof event.record.requestId === 'string') record.requestId = event.record.requestId;
  const initDurationMs = finiteNumber(metrics.initDurationMs);
  if (initDurationMs !== undefined) record.initDurationMs = initDurationMs;
  const restoreDurationMs = finiteNumber(metrics.restoreDurationMs);
  if (restoreDurationMs !== undefined) record.restoreDurationMs = restoreDurationMs;
  if (typeof event.record.errorType === 'string') record.errorType = event.record.errorType;
  const tracing = event.record.tracing as { value?: unknown; spanId?: unknown } | undefined;
  if (tracing && typeof tracing.value === 'string') {
    const root = /Root=([^;]+)/.exec(tracing.value);
    const sampled = /Sampled=([01])/.exec(tracing.value);
    const xray: XrayFields = { traceId: root ? root[1]! : tracing.value };
    if (typeof tracing.spanId === 'string') xray.segmentId = tracing.spanId;
    if (sampled) xray.sampled = sampled[1] === '1';
    record.xray = xray;
  }
  return record;
}

/** A cold start ran init, or restored a SnapStart snapshot. */
export function isColdStart(record: ReportRecord): boolean {
  return record.initDurationMs !== undefined || record.restoreDurationMs !== undefined;
}

/** The start-up time of a cold start: Init Duration, or SnapStart's Restore Duration. */
export function startupDurationMs(record: ReportRecord): number | undefined {
  return record.initDurationMs ?? record.restoreDurationMs;
}
