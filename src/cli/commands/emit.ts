// dagc emit plans/<app>: re-renders statemachine.asl.json and functions/ from
// the plan's plan.json (src/codegen/emit-plan.ts), validating the definition.
// plan.json is never rewritten: it is the source of truth.
import path from 'node:path';
import type { Command } from 'commander';
import { writeRenderedPlan } from '../../codegen/emit-plan.ts';
import { loadPlannedApp } from '../../codegen/plan-deployment.ts';
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';

export const registerEmit: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('emit')
    .description('render the state machine and the Lambda entry points of a plan from its plan.json')
    .argument('<plan>', 'plans/<app> (or its plan.json)')
    .action(async (plan: string) => {
      setExitCode(
        await runCommand(io, async () => {
          const planned = loadPlannedApp(plan);
          for (const warning of planned.warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
          const planDir = path.dirname(planned.planFile);
          const { written, skipped } = await writeRenderedPlan(planDir, planned.ir, planned.deployment);
          for (const warning of skipped) io.stderr(`${formatDiagnostic(warning)}\n`);
          for (const file of written) io.stdout(`${path.relative(process.cwd(), path.join(planDir, file)) || file}\n`);
          return EXIT_OK;
        }),
      );
    });
};
