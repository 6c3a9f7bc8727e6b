// Finds every invocation report in a body of log text: plain REPORT lines
// (with or without a timestamp or log-stream prefix), JSON `platform.report`
// records one per line, X-Ray lines that follow their REPORT line, and the
// JSON that `aws logs filter-log-events` prints (events[].message). Lines
// that look like a REPORT but cannot be read are returned, so callers can say
// so instead of silently dropping data. Linear in the text length.
import { looksLikeReportLine, parsePlatformReport, parseReportLine, parseXrayLine, type ReportRecord } from './report-line.ts';

export interface UnreadableLine {
  /** 1-based line number (or event index for a filter-log-events document). */
  line: number;
  text: string;
}

export interface ScanResult {
  records: ReportRecord[];
  unreadable: UnreadableLine[];
}

function scanMessages(messages: readonly string[]): ScanResult {
  const records: ReportRecord[] = [];
  const unreadable: UnreadableLine[] = [];
  messages.forEach((raw, index) => {
    const text = raw.replace(/\r$/, '');
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const jsonStart = trimmed.indexOf('{"');
    if (jsonStart >= 0 && trimmed.includes('platform.report')) {
      const record = parsePlatformReport(trimmed.slice(jsonStart));
      if (record) records.push(record);
      else unreadable.push({ line: index + 1, text });
      return;
    }
    if (looksLikeReportLine(text)) {
      const record = parseReportLine(text);
      if (record) records.push(record);
      else unreadable.push({ line: index + 1, text });
      return;
    }
    const xray = parseXrayLine(text);
    const previous = records[records.length - 1];
    if (xray && previous && !previous.xray) previous.xray = xray;
  });
  return { records, unreadable };
}

function filterLogEventsMessages(text: string): string[] | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const document = JSON.parse(text) as { events?: unknown };
    if (!Array.isArray(document.events)) return undefined;
    return document.events.map((event) => (typeof event?.message === 'string' ? event.message : ''));
  } catch {
    return undefined;
  }
}

/** Scans log text: one message per line, or a filter-log-events JSON document. */
export function scanReportText(text: string): ScanResult {
  return scanMessages(filterLogEventsMessages(text) ?? text.split('\n'));
}

/** Scans log messages as they come from FilterLogEvents (a message may hold several lines). */
export function scanLogMessages(messages: readonly string[]): ScanResult {
  return scanMessages(messages.flatMap((message) => message.split('\n')));
}
