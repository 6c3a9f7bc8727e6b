// dagc profile app.yaml: measure every function's duration across memory
// sizes (AWS, an endpoint, or the local emulator) or read them from existing
// logs, and write profiles/<function>.json. SIGINT/SIGTERM stop it between
// invocations; the original memory is put back and a rerun resumes.
// Exit 0 done, 2 bad input, 130 interrupted (the shell's convention for ^C).
import type { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { profilerDiagnostics } from '../../diagnostics/profiler.ts';
import { chooseProgressMode, progressPrinter } from '../../profiler/progress.ts';
import { runProfile, type ProfileCommandOptions } from '../../profiler/run-profile.ts';
import { DEFAULT_SAMPLING } from '../../profiler/sampling-plan.ts';
import { renderRunReport, runReportJson } from '../../profiler/summary.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';

export const EXIT_INTERRUPTED = 130;

// No commander defaults for the repeatable flags: they would print as "(default: [])".
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
const commaList = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/** What commander parses: the run's options as flags (the rest are wired below), plus --json. */
type Flags = Omit<ProfileCommandOptions, 'app' | 'signal' | 'onProgress' | 'onWarning' | 'random' | 'retryPolicy'> & { json?: boolean };

export const registerProfile: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('profile')
    .description('measure duration vs memory for each function (AWS, --endpoint, --local emulator, or --from-logs) into profiles/<function>.json')
    .argument('<app>', 'path to app.yaml')
    .option('--endpoint <url>', 'send Lambda and CloudWatch Logs requests to this endpoint (e.g. a running dagc emulator)')
    .option('--local', 'start the local emulator, deploy the handlers into it and profile there')
    .option('--profile <name>', 'AWS shared-config profile for credentials and region')
    .option('--region <region>', 'AWS region (default: the SDK chain, then the spec)')
    .option('--memory <sizes>', 'measure exactly these memory sizes, e.g. 128,256,512,1024 (default: chosen adaptively)')
    .option(
      '--invocations <n>',
      `steady warm invocations per memory size, after the cold start and warm-up (default: until the p95 is pinned down, at most ${DEFAULT_SAMPLING.maxInvocations} invocations a function in all; with N, no such limit)`,
    )
    .option('--from-logs <source>', 'build profiles from REPORT lines: a file, a directory of <function>.log, a log group, <function>=<source>, or a prefix like /aws/lambda/ (repeatable)', collect)
    .option('--function-name <fn=name>', 'deployed name or ARN of an app function (repeatable)', collect)
    .option('--only <functions>', 'profile only these functions (comma-separated, repeatable)', commaList)
    .option('--out <dir>', 'where to write profiles (default: <app dir>/profiles)')
    .option('--json', 'print a JSON summary on stdout and no progress')
    .action(async (app: string, flags: Flags) => {
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const printer = progressPrinter(chooseProgressMode({ json: flags.json === true, isTty: process.stderr.isTTY === true, env: process.env }), io.stderr);
      try {
        setExitCode(
          await runCommand(io, async () => {
            const options: ProfileCommandOptions = {
              app,
              fromLogs: flags.fromLogs ?? [],
              functionName: flags.functionName ?? [],
              only: flags.only ?? [],
              signal: controller.signal,
              onProgress: printer,
              onWarning: (diagnostic) => {
                printer.finish();
                io.stderr(`${formatDiagnostic(diagnostic)}\n`);
              },
            };
            for (const key of ['endpoint', 'local', 'profile', 'region', 'memory', 'invocations', 'out'] as const) {
              if (flags[key] !== undefined) Object.assign(options, { [key]: flags[key] });
            }
            const report = await runProfile(options);
            printer.finish();
            io.stdout(flags.json ? runReportJson(report) : renderRunReport(report));
            if (report.interrupted) {
              io.stderr(`${formatDiagnostic(profilerDiagnostics.interrupted())}\n`);
              return EXIT_INTERRUPTED;
            }
            return EXIT_OK;
          }),
        );
      } finally {
        printer.finish();
        process.removeListener('SIGINT', stop);
        process.removeListener('SIGTERM', stop);
      }
    });
};
