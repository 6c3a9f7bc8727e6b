// dagc emulator [--port N] [--app app.yaml] [--function name=path[:MB]]…: runs
// the local Lambda emulator (Lambda API + CloudWatch Logs on 127.0.0.1) until
// SIGINT or SIGTERM, serving the app's functions and/or the --function
// handlers. The first line printed is the endpoint (scripts read it), the
// second the functions served. Exit 0 after a clean stop, 2 on bad input.
import type { Command } from 'commander';
import { DagcUserError, formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { emulatorDiagnostics } from '../../diagnostics/emulator.ts';
import { registrationsFromFlags, registrationsFromIr } from '../../emulator/app-functions.ts';
import { startEmulator } from '../../emulator/index.ts';
import { cpuLimitFromEnvironment, parseCpuLimit } from '../../emulator/server.ts';
import { loadApp } from '../../ir/load-app.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';

interface EmulatorFlags {
  port: string;
  host: string;
  app?: string;
  function: string[];
  cpuLimit?: string;
  idleTimeoutMs?: string;
  concurrencyLimit?: string;
}

export const registerEmulator: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('emulator')
    .description('run a local Lambda + CloudWatch Logs endpoint that really runs handler code (point the AWS SDK at it)')
    .option('--port <n>', 'TCP port (0 = any free port)', '0')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--app <app.yaml>', "serve this app's functions (those with a handler)")
    .option('--function <name=path[:memoryMb]>', 'serve one handler module (repeatable)', (value: string, previous: string[]) => [...previous, value], [])
    .option('--cpu-limit <mode>', 'auto (cgroup quota when allowed, else duty cycle), cgroup, duty-cycle or none')
    .option('--idle-timeout-ms <ms>', 'kill environments idle this long')
    .option('--concurrency-limit <n>', 'invocations in flight before 429 TooManyRequestsException')
    .action(async (flags: EmulatorFlags) => {
      setExitCode(await runCommand(io, () => runEmulator(flags, io, waitForStopSignal())));
    });
};

export async function runEmulator(flags: EmulatorFlags, io: CliIo, stopped: Promise<void>): Promise<number> {
  if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65_535) throw new DagcUserError([emulatorDiagnostics.badPort(flags.port)]);
  const cpuLimit = flags.cpuLimit === undefined ? cpuLimitFromEnvironment() : parseCpuLimit(flags.cpuLimit);
  const registrations = registrationsFromFlags(flags.function);
  if (flags.app !== undefined) {
    const { ir, warnings } = loadApp(flags.app);
    const fromApp = registrationsFromIr(ir);
    for (const warning of [...warnings, ...fromApp.warnings]) io.stderr(`${formatDiagnostic(warning)}\n`);
    registrations.unshift(...fromApp.functions);
  }
  const emulator = await startEmulator({
    port: Number(flags.port),
    host: flags.host,
    cpuLimit,
    ...(flags.idleTimeoutMs !== undefined ? { idleTimeoutMs: integerFlag('--idle-timeout-ms', flags.idleTimeoutMs, 1) } : {}),
    ...(flags.concurrencyLimit !== undefined ? { concurrencyLimit: integerFlag('--concurrency-limit', flags.concurrencyLimit, 0) } : {}),
  });
  try {
    for (const registration of registrations) emulator.registerFunction(registration);
    io.stdout(`dagc emulator listening on ${emulator.endpoint} (cpu limit: ${emulator.cpuLimitMode})\n`);
    io.stdout(`functions: ${registrations.map((r) => `${r.name} (${r.memoryMb} MB)`).join(', ') || '(none)'}\n`);
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
