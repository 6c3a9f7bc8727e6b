// dagc explain plans/<app>: the decision log of a plan — what each pass chose,
// what it rejected, and the numbers that decided. --pass names one of the
// plan's passes (DAGC0609 otherwise). Before the passes: the platform latencies
// the estimates drew (the plan's calibration, or the shipped defaults) with their sources,
// the arrival model (and the cold-start odds it gives), and the functions sized where
// their profile measured nothing, with the interval the estimate took the slower end of.
// plan's passes (DAGC0609 otherwise). First the plan's verdicts: in sample (the
// optimizer's draws) and, when recorded, out of sample (independent draws).
import type { Command } from 'commander';
import { readPlan } from '../../codegen/read-plan.ts';
import type { Decision } from '../../passes/decision-log.ts';
import { DagcUserError } from '../../diagnostics/diagnostic.ts';
import { inputDiagnostics } from '../../diagnostics/input.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';
import { calibrationFromPlan, type ChosenCalibration } from '../../calibrate/app-calibration.ts';
import { DEFAULT_CALIBRATION } from '../../model/calibration.ts';
import { renderCalibration } from '../../calibrate/render-calibration.ts';
import { outOfSampleLine } from '../render-plan.ts';
import { explainArrivals, explainUnmeasuredSizes } from '../plan-assumptions.ts';
import { formatNumbers } from '../../report/format.ts';

export const registerExplain: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('explain')
    .description('print the decision log of a plan: what each pass chose and why')
    .argument('<plan>', 'plan.json or the folder that holds it')
    .option('--pass <name>', 'only this pass')
    .action(async (location: string, options: { pass?: string }) => {
      setExitCode(
        await runCommand(io, async () => {
          const { plan, file } = readPlan(location);
          const passes = [...new Set(plan.decisions.map((decision) => decision.pass))].sort();
          // An unknown pass would otherwise list nothing and exit 0, as if it had decided nothing.
          if (options.pass !== undefined && !passes.includes(options.pass)) throw new DagcUserError([inputDiagnostics.unknownPass(options.pass, passes)]);
          io.stdout(`${plan.app}: strategy ${plan.strategy}, ${plan.slo.percentile} ≤ ${plan.slo.latencyMs} ms\n`);
          if (options.pass === undefined) {
            io.stdout(explainCalibration(plan.calibration && calibrationFromPlan(plan.calibration, file)));
            io.stdout(explainArrivals(plan.arrivals));
            io.stdout(explainUnmeasuredSizes(plan, location));
          }
          const p = plan.slo.percentile;
          io.stdout(`in sample (seed ${plan.estimator.seed}, ${plan.estimator.samples} samples): ${p} ${Math.round(plan.predicted.latencyMs[p])} ms, ${plan.predicted.meetsSlo ? 'meets the SLO' : 'misses the SLO'}\n`);
          if (plan.outOfSample) io.stdout(`${outOfSampleLine(plan)}\n`);
          let pass = '';
          for (const decision of plan.decisions) {
            if (options.pass && decision.pass !== options.pass) continue;
            if (decision.pass !== pass) {
              pass = decision.pass;
              io.stdout(`\n[${pass}]\n`);
            }
            io.stdout(formatDecision(decision));
          }
          return EXIT_OK;
        }),
      );
    });
};

export function formatDecision(decision: Decision): string {
  const numbers = formatNumbers(decision.numbers);
  const lines = [`  ${decision.kind.padEnd(8)} ${decision.subject}: ${decision.chosen}${numbers ? `  (${numbers})` : ''}`];
  for (const rejected of decision.rejected) {
    const theirs = rejected.numbers ? formatNumbers(rejected.numbers) : '';
    lines.push(`           rejected ${rejected.option}: ${rejected.reason}${theirs ? `  (${theirs})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Which platform latencies the plan's estimates drew, and where they came from. */
export function explainCalibration(recorded: ChosenCalibration | undefined): string {
  const [origin, values] = recorded ? [recorded.origin, recorded.calibration] : ['shipped defaults (no --calibration, no platform: in app.yaml)', DEFAULT_CALIBRATION];
  return `\n[platform latencies] ${origin}\n${renderCalibration(values).replace(/^/gm, '  ').trimEnd()}\n`;
}
