// dagc report plans/<app>: the plan as one self-contained HTML page (the
// workflow graph, the cost–latency frontier, each function's curves over
// memory, the cost breakdown, the decision log), written beside the plan by
// default; --format md prints a markdown summary for the terminal instead.
// Exit 0, or 2 on bad input (not a plan, a stale plan, a bad flag).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DagcUserError, formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { reportDiagnostics } from '../../diagnostics/report.ts';
import { loadReportInput } from '../../report/report-input.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';

export const DEFAULT_REPORT_FILE = 'report.html';

export const registerReport: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('report')
    .description('render a plan as a self-contained HTML page (graph, frontier, curves, costs, decisions), or as markdown')
    .argument('<plan>', 'plan.json or the folder that holds it')
    .option('--out <file>', `where to write the report (html default: ${DEFAULT_REPORT_FILE} beside plan.json; md default: stdout)`)
    .option('--format <format>', 'html or md', 'html')
    .action(async (location: string, options: { out?: string; format: string }) => {
      setExitCode(
        await runCommand(io, async () => {
          // Loaded here, not at the top: Vega and dagre add about half a second to every other command's start.
          const { parseReportFormat, renderReport } = await import('../../report/report.ts');
          const format = parseReportFormat(options.format);
          const input = loadReportInput(location);
          for (const warning of input.warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
          const text = await renderReport(input, format);
          const out = options.out ?? (format === 'html' ? path.join(path.dirname(input.planFile), DEFAULT_REPORT_FILE) : undefined);
          if (out === undefined) {
            io.stdout(text);
            return EXIT_OK;
          }
          try {
            mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
            writeFileSync(out, text);
          } catch (error) {
            throw new DagcUserError([reportDiagnostics.cannotWrite(out, (error as Error).message)]);
          }
          io.stdout(`report written to ${path.relative(process.cwd(), path.resolve(out)) || out}\n`);
          return EXIT_OK;
        }),
      );
    });
};
