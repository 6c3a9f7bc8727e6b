// dagc emulator: runs the local Lambda + CloudWatch Logs endpoint until
// interrupted (Ctrl-C / SIGTERM), serving the functions of an app.yaml
// and/or of --function flags. Point the AWS SDK, the AWS CLI or
// `dagc profile --endpoint` at the printed URL.
import type { Command } from 'commander';
import { DagcUserError, formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { emulatorDiagnostics } from '../../diagnostics/emulator.ts';
import { registrationsFromFlags, registrationsFromIr } from '../../emulator/app-functions.ts';
import { startEmulator } from '../../emulator/index.ts';
import type { CpuLimitPreference } from '../../emulator/index.ts';
import { loadApp } from '../../ir/load-app.ts';
import { parseDurationMs } from '../../spec/units.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';

interface EmulatorFlags {
  port: string;
  host: string;
  app?: string;
  function: string[];
  cpuLimit: string;
  idleTimeout?: string;
  concurrency?: string;
}

const CPU_LIMITS: readonly CpuLimitPreference[] = ['auto', 'cgroup', 'duty-cycle', 'none'];

export const registerEmulator: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('emulator')
    .description('run a local AWS Lambda + CloudWatch Logs endpoint that really runs the handlers')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--app <app.yaml>', 'serve every function of this app that has a handler')
    .option('--function <name=path[:memoryMb]>', 'serve one handler module (repeatable)', (value: string, previous: string[]) => [...previous, value], [])
    .option('--cpu-limit <how>', 'auto (cgroup quota when allowed, else duty cycle), cgroup, duty-cycle or none', 'auto')
    .option('--idle-timeout <duration>', 'kill idle execution environments after this long (default 5m)')
    .option('--concurrency <n>', 'account-level concurrent executions before throttling')
    .action(async (flags: EmulatorFlags) => {
      setExitCode(await runCommand(io, () => serve(flags, io)));
    });
};

async function serve(flags: EmulatorFlags, io: CliIo): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new DagcUserError([emulatorDiagnostics.badPort(flags.port)]);
  if (!CPU_LIMITS.includes(flags.cpuLimit as CpuLimitPreference)) throw new DagcUserError([emulatorDiagnostics.badCpuLimitFlag(flags.cpuLimit)]);
  const registrations = registrationsFromFlags(flags.function);
  if (flags.app !== undefined) {
    const { ir, warnings } = loadApp(flags.app);
    const fromApp = registrationsFromIr(ir);
    for (const warning of [...warnings, ...fromApp.warnings]) io.stderr(`${formatDiagnostic(warning)}\n`);
    registrations.unshift(...fromApp.functions);
  }
  const emulator = await startEmulator({
    port,
    host: flags.host,
    cpuLimit: flags.cpuLimit as CpuLimitPreference,
    ...(flags.idleTimeout !== undefined ? { idleTimeoutMs: durationFlag('--idle-timeout', flags.idleTimeout) } : {}),
    ...(flags.concurrency !== undefined ? { concurrencyLimit: countFlag(flags.concurrency) } : {}),
  });
  try {
    for (const registration of registrations) emulator.registerFunction(registration);
  } catch (error) {
    await emulator.close();
    throw error;
  }
  io.stdout(`dagc emulator listening on ${emulator.endpoint} (cpu limit: ${emulator.cpuLimitMode})\n`);
  for (const registration of registrations) io.stdout(`  ${registration.name}  ${registration.handlerPath}  ${registration.memoryMb ?? 128} MB\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await emulator.close();
  io.stdout('dagc emulator stopped\n');
  return EXIT_OK;
}

function durationFlag(flag: string, text: string): number {
  const ms = parseDurationMs(text);
  if (ms === undefined || ms <= 0) throw new DagcUserError([emulatorDiagnostics.badDurationFlag(flag, text)]);
  return ms;
}

function countFlag(text: string): number {
  const count = Number(text);
  if (!Number.isInteger(count) || count < 0) throw new DagcUserError([emulatorDiagnostics.badConcurrencyFlag(text)]);
  return count;
}
