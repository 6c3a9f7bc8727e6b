// The platform lines Lambda writes around every invocation, byte for byte as
// they arrive in CloudWatch: `START RequestId: … Version: …`, `END RequestId: …`
// and the tab-separated REPORT line whose fields each end in a tab, the whole
// message in a newline (see /work/shared/fixtures-data/report-lines). Durations
// have two decimals; Billed Duration is the duration rounded up to the billing
// granularity; Init Duration appears only on a cold start; a timeout or a crash
// appends Status (and Error Type). Since August 2025 Lambda bills the init phase
// of on-demand functions on managed runtimes, so a cold start's Billed Duration
// is ceil(Duration + Init Duration) (the fixture lines from 2025–26 show it);
// `billInitPhase: false` gives the older billing, ceil(Duration).
import { billedDurationMs } from '../model/platform.ts';

export type InvocationStatus = 'success' | 'timeout' | 'error';

export interface ReportFields {
  requestId: string;
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Present only when the invocation started a new environment. */
  initDurationMs?: number;
  status: InvocationStatus;
  /** For status 'error' (a crashed runtime), e.g. Runtime.ExitError, Runtime.OutOfMemory. */
  errorType?: string;
  /** Bill the init phase with the invocation (Lambda since August 2025). */
  billInitPhase: boolean;
}

export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}\n`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

export function reportLine(fields: ReportFields): string {
  const parts = [
    `REPORT RequestId: ${fields.requestId}`,
    `Duration: ${fields.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billedMs(fields)} ms`,
    `Memory Size: ${fields.memorySizeMb} MB`,
    `Max Memory Used: ${fields.maxMemoryUsedMb} MB`,
  ];
  if (fields.initDurationMs !== undefined) parts.push(`Init Duration: ${fields.initDurationMs.toFixed(2)} ms`);
  if (fields.status !== 'success') parts.push(`Status: ${fields.status}`);
  if (fields.status === 'error' && fields.errorType !== undefined) parts.push(`Error Type: ${fields.errorType}`);
  return `${parts.map((part) => `${part}\t`).join('')}\n`;
}

/** `2026-11-25T08:28:14.123Z <id> Task timed out after 3.00 seconds`, as the runtime logs it. */
export function timeoutLine(timestampMs: number, requestId: string, timeoutMs: number): string {
  return `${new Date(timestampMs).toISOString()} ${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds\n`;
}

export function initStartLine(runtime: string, region: string): string {
  return `INIT_START Runtime Version: ${runtime}.dagc-emulator\tRuntime Version ARN: arn:aws:lambda:${region}::runtime:dagc-emulator\n`;
}

// Billing rounds the printed two-decimal values up, so a reader who recomputes
// Billed Duration from the line gets the same number.
function billedMs(fields: ReportFields): number {
  const initMs = fields.billInitPhase && fields.initDurationMs !== undefined ? roundedMs(fields.initDurationMs) : 0;
  return billedDurationMs(Number((roundedMs(fields.durationMs) + initMs).toFixed(2)));
}

function roundedMs(durationMs: number): number {
  return Number(durationMs.toFixed(2));
}
