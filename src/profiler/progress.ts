// How a profiling run shows itself: a redrawn progress bar on a terminal,
// one plain line per event in CI or when output is not a terminal, nothing at
// all with --json (the machine-readable summary goes to stdout at the end).
// Everything here goes to stderr, so stdout stays clean for --json.
import type { ProgressEvent } from './profile-function.ts';

export type ProgressMode = 'tty' | 'plain' | 'silent';

export function chooseProgressMode(options: { json: boolean; isTty: boolean; env: NodeJS.ProcessEnv }): ProgressMode {
  if (options.json) return 'silent';
  const ci = options.env.CI !== undefined && options.env.CI !== '' && options.env.CI !== 'false' && options.env.CI !== '0';
  return options.isTty && !ci ? 'tty' : 'plain';
}

export interface RetryNotice {
  kind: 'retry';
  what: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface ProgressPrinter {
  (event: ProgressEvent | RetryNotice): void;
  /** Ends a redrawn line before other output. */
  finish(): void;
}

const BAR_WIDTH = 20;

function describeSample(event: Extract<ProgressEvent, { kind: 'sample' }>): string {
  const { report } = event;
  const kind = report.status !== 'success' ? report.status : report.initDurationMs !== undefined || report.restoreDurationMs !== undefined ? 'cold' : 'warm';
  return `${report.durationMs.toFixed(1)} ms ${kind}`;
}

export function progressPrinter(mode: ProgressMode, write: (text: string) => void): ProgressPrinter {
  let functionCount = 1;
  let started = 0;
  let current = '';
  let redrawn = false;
  const line = (text: string): void => {
    if (mode === 'silent') return;
    if (mode === 'tty') {
      write(`\r\x1b[K${text}`);
      redrawn = true;
    } else {
      write(`${text}\n`);
    }
  };
  const permanent = (text: string): void => {
    if (mode === 'silent') return;
    if (mode === 'tty' && redrawn) write('\r\x1b[K');
    redrawn = false;
    write(`${text}\n`);
  };
  const bar = (): string => {
    const filled = Math.round((BAR_WIDTH * Math.max(0, started - 1)) / Math.max(1, functionCount));
    return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${started}/${functionCount}`;
  };
  const printer = ((event: ProgressEvent | RetryNotice) => {
    switch (event.kind) {
      case 'app-start':
        functionCount = event.functions;
        break;
      case 'function-start':
        started += 1;
        current = event.function;
        permanent(
          `profiling ${event.function} (${event.deployedName}, ${event.originalMemoryMb} MB)${event.resumedSamples > 0 ? `: resuming after ${event.resumedSamples} saved samples` : ''}`,
        );
        break;
      case 'configure':
        if (mode === 'plain') line(`  ${event.function}: memory ${event.memoryMb} MB${event.accepted ? '' : ' refused'}`);
        break;
      case 'sample':
        if (mode === 'tty') line(`${bar()} ${current} ${event.memoryMb} MB · ${event.invocations} invocations · ${describeSample(event)}`);
        else line(`  ${event.function}: ${event.memoryMb} MB ${event.phase} #${event.invocations} ${describeSample(event)}`);
        break;
      case 'retry':
        permanent(`  retrying ${event.what} in ${event.delayMs} ms (attempt ${event.attempt}: ${event.reason})`);
        break;
      case 'restored':
        permanent(`  ${event.function}: memory restored to ${event.memoryMb} MB`);
        break;
      case 'function-done':
        permanent(
          `  ${event.function}: done after ${event.invocations} invocations at ${event.measuredMb.join(', ')} MB${event.flatFromMb !== undefined ? ` (no faster from ${event.flatFromMb} MB)` : ''}`,
        );
        break;
    }
  }) as ProgressPrinter;
  printer.finish = () => {
    if (mode === 'tty' && redrawn) write('\n');
    redrawn = false;
  };
  return printer;
}
