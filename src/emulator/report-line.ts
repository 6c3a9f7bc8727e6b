// Renders the START / END / REPORT platform lines exactly as Lambda writes them
// (tab-separated, durations with two decimals, Billed Duration = ceil to 1 ms,
// Init Duration only on a cold start, Status on timeouts and crashes). Pure.
// Format reference: /work/shared/fixtures-data/report-lines/ (real captured lines).
import { billedDurationMs as modelBilledDurationMs } from '../model/platform.ts';

export interface ReportFields {
  requestId: string;
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  status?: 'timeout' | 'error';
  errorType?: string;
}

export function startLine(requestId: string, version = '$LATEST'): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export function billedDurationMs(durationMs: number): number {
  // Bill the duration as shown (two decimals), so "12.00 ms" is billed 12, not 13, after float noise.
  return modelBilledDurationMs(Math.round(durationMs * 100) / 100);
}

export function reportLine(fields: ReportFields): string {
  const parts = [
    `REPORT RequestId: ${fields.requestId}`,
    `Duration: ${fields.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billedDurationMs(fields.durationMs)} ms`,
    `Memory Size: ${fields.memorySizeMb} MB`,
    `Max Memory Used: ${fields.maxMemoryUsedMb} MB`,
  ];
  if (fields.initDurationMs !== undefined) parts.push(`Init Duration: ${fields.initDurationMs.toFixed(2)} ms`);
  if (fields.status !== undefined) parts.push(`Status: ${fields.status}`);
  if (fields.errorType !== undefined) parts.push(`Error Type: ${fields.errorType}`);
  return parts.join('\t');
}

/** The line Lambda logs before the timeout REPORT: seconds with two decimals. */
export function timeoutMessage(requestId: string, timeoutMs: number, now: Date): string {
  return `${now.toISOString()} ${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
}
