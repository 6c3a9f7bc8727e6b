// dagc calibrate --out calibration.json, from one of:
//   --state-machine-arn ARN [--region R] [--endpoint URL] [--profile P] [--max-executions N] [--no-logs]
//   --histories FILE... [--orchestration standard|express] [--reports FILE]
//   --traces FILE... --workflow FILE
// the platform's own latencies (Task dispatch, Map iteration and Parallel
// branch starts) fitted from real executions, for optimize/simulate
// --calibration (docs/calibration.md). SIGINT/SIGTERM stop an SDK run between
// calls; what it read stays in <out>.journal.json for the next run.
import type { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { renderCalibration } from '../../calibrate/render-calibration.ts';
import { runCalibrate, DEFAULT_MAX_EXECUTIONS, type RunCalibrateOptions } from '../../calibrate/run-calibrate.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';

type Flags = Omit<RunCalibrateOptions, 'signal' | 'onProgress'>;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const registerCalibrate: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('calibrate')
    .description("fit the platform's own latencies (Task dispatch, Map iteration and Parallel branch starts) from real executions")
    .requiredOption('--out <file>', 'where to write the calibration (JSON)')
    .option('--state-machine-arn <arn>', 'read this Standard state machine\'s executions through the AWS SDK (ListExecutions, GetExecutionHistory)')
    .option('--region <region>', 'AWS region (default: the ARN\'s)')
    .option('--endpoint <url>', 'send Step Functions and CloudWatch Logs requests here (e.g. a dagc emulator)')
    .option('--profile <name>', 'AWS shared-config profile for credentials')
    .option('--max-executions <n>', 'newest finished executions to read', String(DEFAULT_MAX_EXECUTIONS))
    .option('--no-logs', "do not read the Lambdas' REPORT lines (Task dispatch then keeps its defaults)")
    .option('--histories <file>', 'a saved execution history ({"events": [...]}, e.g. from dagc run --local); repeatable', collect)
    .option('--orchestration <type>', 'the workflow type the --histories ran as: standard or express', 'standard')
    .option('--reports <file>', 'REPORT lines of the invoked Lambdas, joined to the --histories Tasks by RequestId')
    .option('--traces <file>', 'a SeBS-Flow trace file; repeatable (needs --workflow)', collect)
    .option('--workflow <file>', 'the workflow the --traces ran: a SeBS-Flow definition or app.yaml')
    .action(async (flags: Flags) => {
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        setExitCode(
          await runCommand(io, async () => {
            const report = await runCalibrate({ ...flags, signal: controller.signal, onProgress: io.stderr });
            for (const warning of report.warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
            io.stdout(renderCalibration(report.calibration));
            io.stdout(`${report.executions} executions, ${report.lambdaTasks} Lambda Tasks (${report.withoutReport} without a REPORT line)${report.resumed ? `, ${report.resumed} from the journal of an interrupted run` : ''}; calibration written to ${report.out}\n`);
            return EXIT_OK;
          }),
        );
      } finally {
        process.removeListener('SIGINT', stop);
        process.removeListener('SIGTERM', stop);
      }
    });
};
