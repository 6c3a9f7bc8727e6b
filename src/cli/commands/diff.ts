// dagc diff OLD NEW: compares two plans (plan.json files or plan folders) and,
// given --max-cost-increase / --max-p95-increase, gates on them. Exit 0 when
// no check fails, 1 on a regression (the reason is the last line of the
// output, and of stderr for --format markdown/json, whose stdout usually goes
// to a file or a tool), 2 on bad input. The comparison and its rendering are
// library code in src/diff; this file reads the plans and prints.
import type { Command } from 'commander';
import { readPlan } from '../../codegen/read-plan.ts';
import { stableStringify } from '../../model/stable-json.ts';
import { diffPlans } from '../../diff/diff-report.ts';
import { parseDiffOptions, type RawDiffOptions } from '../../diff/diff-options.ts';
import { renderDiffMarkdown } from '../../diff/render-markdown.ts';
import { renderDiffText } from '../../diff/render-text.ts';
import { flagValuePosition, userArgs } from '../flag-position.ts';
import { EXIT_GATE_FAILED, EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';

export const registerDiff: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('diff')
    .description('compare two plans (cost, latency, SLO, every decision) and gate on cost or p95 regressions')
    .argument('<old>', 'the plan to compare against: plan.json or its folder (e.g. the main branch\'s)')
    .argument('<new>', 'the plan under review: plan.json or its folder')
    .option('--max-cost-increase <limit>', 'fail when the cost per 1M executions rises more: 5% or $0.50/1M')
    .option('--max-p95-increase <limit>', 'fail when the predicted p95 rises more: 10% or 200ms')
    .option('--format <format>', 'text (terminal), markdown (PR comment) or json', undefined)
    .option('--json', 'same as --format json')
    .action(async (oldLocation: string, newLocation: string, raw: RawDiffOptions, command: Command) => {
      setExitCode(
        await runCommand(io, async () => {
          const args = userArgs(command);
          const { limits, format } = parseDiffOptions(raw, (flag) => flagValuePosition(args, flag));
          const oldPlan = readPlan(oldLocation).plan;
          const newPlan = readPlan(newLocation).plan;
          const report = diffPlans({ plan: oldPlan, file: oldLocation }, { plan: newPlan, file: newLocation }, limits);
          if (format === 'text') io.stdout(renderDiffText(report));
          else {
            io.stdout(format === 'json' ? stableStringify(report) : renderDiffMarkdown(report));
            // stdout is going to a file or a tool: the CI log still shows why the job failed or passed.
            io.stderr(`${report.gate.verdict}\n`);
          }
          return report.gate.passed ? EXIT_OK : EXIT_GATE_FAILED;
        }),
      );
    });
};
