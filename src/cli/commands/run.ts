// dagc run plans/<app> --local [--input event.json] [--seed N] [--history file]:
// executes the emitted plan on this machine (src/runtime/local) and prints
// the execution's result and its per-state timeline; the execution history,
// in GetExecutionHistory's format, goes to --history (default
// plans/<app>/history.local.json) and the invocations' REPORT lines to --reports
// (default plans/<app>/reports.local.log), for dagc calibrate --histories … --reports …. The input defaults to
// the app's events/input.json. Exit 0 when the execution succeeds, 2 when it
// fails (the failure names the state, step and item).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadPlannedApp } from '../../codegen/plan-deployment.ts';
import { DagcUserError } from '../../diagnostics/diagnostic.ts';
import { codegenDiagnostics } from '../../diagnostics/codegen.ts';
import { stableStringify } from '../../model/stable-json.ts';
import { renderTimeline } from '../../runtime/local/execution-history.ts';
import { runPlanLocally } from '../../runtime/local/run-plan-locally.ts';
import type { CpuLimitPreference } from '../../emulator/cpu-limit/select-cpu-limiter.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';

interface RunOptions {
  local?: boolean;
  input?: string;
  seed: string;
  history?: string;
  reports?: string;
  cpuLimit?: string;
}

export const registerRun: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('run')
    .description('execute a plan: --local runs its state machine and Lambdas on this machine')
    .argument('<plan>', 'plans/<app> (emitted by dagc optimize or dagc emit)')
    .option('--local', 'run on this machine (aws-local-stepfunctions + the Lambda emulator + s3rver)')
    .option('--input <file>', "the execution's input (default: the app's events/input.json)")
    .option('--seed <seed>', 'seed of the choice draws, used as the execution name', '0')
    .option('--history <file>', 'where to write the execution history (default <plan>/history.local.json)')
    .option('--reports <file>', "where to write the invocations' REPORT lines (default <plan>/reports.local.log)")
    .option('--cpu-limit <mode>', 'emulator CPU limit: auto, cgroup, duty-cycle or none')
    .action(async (plan: string, options: RunOptions) => {
      setExitCode(
        await runCommand(io, async () => {
          if (!options.local) throw new DagcUserError([codegenDiagnostics.runNeedsLocal(plan)]);
          const planned = loadPlannedApp(plan);
          const inputFile = options.input ?? path.join(planned.ir.baseDir, 'events', 'input.json');
          const input = options.input === undefined && !existsSync(inputFile) ? {} : readInput(inputFile);
          const result = await runPlanLocally(plan, { input, seed: options.seed, ...(options.cpuLimit ? { cpuLimit: options.cpuLimit as CpuLimitPreference } : {}) });
          const historyFile = options.history ?? path.join(path.dirname(planned.planFile), 'history.local.json');
          writeFileSync(historyFile, `${JSON.stringify(result.history, null, 2)}\n`);
          const reportsFile = options.reports ?? path.join(path.dirname(planned.planFile), 'reports.local.log');
          writeFileSync(reportsFile, result.reportLines.map((line) => `${line}\n`).join(''));
          io.stdout(renderTimeline(result.timeline));
          io.stdout(`${result.invocations} Lambda invocations, ${result.coldStarts} cold; history written to ${path.relative(process.cwd(), historyFile)}, REPORT lines to ${path.relative(process.cwd(), reportsFile)}\n`);
          io.stdout(stableStringify(result.final));
          return EXIT_OK;
        }),
      );
    });
};

function readInput(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DagcUserError([codegenDiagnostics.badInputFile(file, (error as Error).message)]);
  }
}
