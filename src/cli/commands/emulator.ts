// dagc emulator --port N [--app app.yaml]: runs the local Lambda emulator
// (Lambda API + CloudWatch Logs FilterLogEvents on 127.0.0.1) until SIGINT or
// SIGTERM. --app preloads the app's functions. Prints the endpoint on the
// first line so scripts can read it. Exit 0 after a clean stop, 2 on bad flags.
import type { Command } from 'commander';
import { DagcUserError, formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { emulatorDiagnostics } from '../../diagnostics/emulator.ts';
import { cpuLimitMode } from '../../emulator/cpu-limiter.ts';
import { preloadApp } from '../../emulator/preload-app.ts';
import { startEmulator } from '../../emulator/server.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';

interface EmulatorFlags {
  port: string;
  host: string;
  app?: string;
  idleTimeoutMs?: string;
  concurrencyLimit?: string;
}

export const registerEmulator: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('emulator')
    .description('run a local Lambda + CloudWatch Logs endpoint that really runs handler code (point the AWS SDK at it)')
    .option('--port <n>', 'TCP port (0 = any free port)', '0')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--app <app.yaml>', "preload this app's functions")
    .option('--idle-timeout-ms <ms>', 'kill environments idle this long')
    .option('--concurrency-limit <n>', 'invocations in flight before 429 TooManyRequestsException')
    .action(async (flags: EmulatorFlags) => {
      setExitCode(await runCommand(io, () => runEmulator(flags, io, waitForStopSignal())));
    });
};

export async function runEmulator(flags: EmulatorFlags, io: CliIo, stopped: Promise<void>): Promise<number> {
  if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65535) throw new DagcUserError([emulatorDiagnostics.badPort(flags.port)]);
  const port = Number(flags.port);
  const emulator = await startEmulator({
    port,
    host: flags.host,
    ...(flags.idleTimeoutMs !== undefined ? { idleTimeoutMs: integerFlag('--idle-timeout-ms', flags.idleTimeoutMs, 0) } : {}),
    ...(flags.concurrencyLimit !== undefined ? { concurrencyLimit: integerFlag('--concurrency-limit', flags.concurrencyLimit, 1) } : {}),
  });
  try {
    io.stdout(`dagc emulator listening on ${emulator.endpoint} (cpu limit: ${cpuLimitMode()})\n`);
    if (flags.app !== undefined) {
      const { registered, warnings } = preloadApp(emulator, flags.app);
      for (const warning of warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
      io.stdout(`functions: ${registered.join(', ') || '(none)'}\n`);
    }
    await stopped;
  } finally {
    await emulator.close();
  }
  return EXIT_OK;
}

function integerFlag(flag: string, value: string, min: number): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || !Number.isSafeInteger(parsed)) throw new DagcUserError([emulatorDiagnostics.badIntegerFlag(flag, value, min)]);
  return parsed;
}

function waitForStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
