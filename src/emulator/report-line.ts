// The platform lines Lambda writes around every invocation, byte for byte as
// they arrive in CloudWatch: `START RequestId: … Version: …`, `END RequestId: …`
// and the REPORT line, whose fields are each followed by a tab, the whole
// message by a newline (raw CloudWatch events read `…Max Memory Used: 81
// MB\t\n`; see /work/shared/fixtures-data/report-lines). Durations have two
// decimals; Billed Duration is the shown duration rounded up to the billing
// granularity; Init Duration appears only on a cold start; a timeout or a
// crash appends Status (and Error Type). Since August 2025 Lambda also bills
// the init phase of on-demand functions on managed runtimes (Billed Duration
// = ceil(Duration + Init Duration) on a cold start, as two fixture lines from
// 2025–26 show); the emulator bills the invocation only unless asked
// (`billInitPhase`), which is what the profiler measures and what the
// platform model's billedDurationMs prices. Pure.
import { billedDurationMs as modelBilledDurationMs } from '../model/platform.ts';

export interface ReportFields {
  requestId: string;
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Present only when the invocation started a new environment. */
  initDurationMs?: number;
  /** Absent on success. */
  status?: 'timeout' | 'error';
  /** With status 'error' (a crashed runtime), e.g. Runtime.ExitError, Runtime.OutOfMemory. */
  errorType?: string;
  /** Bill the init phase with the invocation (Lambda since August 2025). Default false. */
  billInitPhase?: boolean;
}

export function startLine(requestId: string, version = '$LATEST'): string {
  return `START RequestId: ${requestId} Version: ${version}\n`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

export function reportLine(fields: ReportFields): string {
  const initMs = fields.billInitPhase && fields.initDurationMs !== undefined ? shown(fields.initDurationMs) : 0;
  const parts = [
    `REPORT RequestId: ${fields.requestId}`,
    `Duration: ${fields.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billedDurationMs(shown(fields.durationMs) + initMs)} ms`,
    `Memory Size: ${fields.memorySizeMb} MB`,
    `Max Memory Used: ${fields.maxMemoryUsedMb} MB`,
  ];
  if (fields.initDurationMs !== undefined) parts.push(`Init Duration: ${fields.initDurationMs.toFixed(2)} ms`);
  if (fields.status !== undefined) parts.push(`Status: ${fields.status}`);
  if (fields.errorType !== undefined) parts.push(`Error Type: ${fields.errorType}`);
  return `${parts.map((part) => `${part}\t`).join('')}\n`;
}

/** Billed duration of a duration as the REPORT line shows it (two decimals), so "12.00 ms" bills 12 after float noise. */
export function billedDurationMs(durationMs: number): number {
  return modelBilledDurationMs(shown(durationMs));
}

/** `2026-11-25T08:28:14.123Z <id> Task timed out after 3.00 seconds`, as the runtime logs it. */
export function timeoutLine(timestampMs: number, requestId: string, timeoutMs: number): string {
  return `${new Date(timestampMs).toISOString()} ${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds\n`;
}

export function initStartLine(runtime: string, region: string): string {
  return `INIT_START Runtime Version: ${runtime}.dagc-emulator\tRuntime Version ARN: arn:aws:lambda:${region}::runtime:dagc-emulator\n`;
}

function shown(durationMs: number): number {
  return Math.round(durationMs * 100) / 100;
}
