// dagc optimize app.yaml --slo p95=2s: reads the spec and its profiles, runs
// the optimizer (or a baseline with --strategy) and writes plans/<app>/plan.json.
// Exit 0 with a plan that meets the SLO; 1 when no plan does (printing the
// fastest achievable and its cost); 2 on bad input.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { loadApp } from '../../ir/load-app.ts';
import { parseSloFlag } from '../../spec/slo-flag.ts';
import { stableStringify } from '../../model/stable-json.ts';
import { renderPlanSummary } from '../render-plan.ts';
import { EXIT_GATE_FAILED, EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import { planApp, DEFAULT_SAMPLES, DEFAULT_SEED } from '../plan-app.ts';
import { optimizerDiagnostics } from '../../diagnostics/optimizer.ts';
import { DagcUserError } from '../../diagnostics/diagnostic.ts';
import type { RegisterCommand } from './index.ts';

interface OptimizeOptions {
  slo?: string;
  out?: string;
  strategy: string;
  samples: string;
  seed: string;
  frontier?: boolean;
  json?: boolean;
}

export const registerOptimize: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('optimize')
    .description('find the cheapest deployment that meets the latency SLO and write plans/<app>/plan.json')
    .argument('<app>', 'path to app.yaml')
    .option('--slo <percentile=duration>', 'latency objective, e.g. p95=2s (overrides the spec)')
    .option('--out <dir>', 'where to write plan.json (default plans/<app name>)')
    .option('--strategy <name>', 'dagc, or a baseline: user-max, user-min, power-tuning, llama-slack, greedy-critical-path, exhaustive', 'dagc')
    .option('--samples <n>', 'Monte Carlo samples per estimate', String(DEFAULT_SAMPLES))
    .option('--seed <n>', 'Monte Carlo seed', String(DEFAULT_SEED))
    .option('--frontier', 'print the cost–latency frontier')
    .option('--json', 'print the plan as JSON on stdout')
    .action(async (app: string, options: OptimizeOptions) => {
      setExitCode(
        await runCommand(io, async () => {
          const { ir, warnings } = loadApp(app);
          for (const warning of warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
          if (options.slo !== undefined) ir.slo = parseSloFlag(options.slo);
          if (!ir.slo) throw new DagcUserError([optimizerDiagnostics.noSlo(app)]);
          const samples = positiveInteger(options.samples, '--samples');
          const seed = positiveInteger(options.seed, '--seed');
          const outDir = path.resolve(options.out ?? path.join('plans', ir.name));
          const result = planApp(ir, { strategy: options.strategy, samples, seed, outDir });
          mkdirSync(outDir, { recursive: true });
          const bytes = stableStringify(result.plan);
          writeFileSync(path.join(outDir, 'plan.json'), bytes);
          if (options.json) io.stdout(bytes);
          else {
            io.stdout(renderPlanSummary(result.plan));
            io.stdout(`plan written to ${path.relative(process.cwd(), path.join(outDir, 'plan.json')) || 'plan.json'}\n`);
          }
          if (options.frontier) {
            io.stdout(`\ncost–${ir.slo.percentile} frontier (surrogate latency; per 1M executions):\n`);
            for (const point of result.frontier) io.stdout(`  ${Math.round(point.latencyMs)} ms  $${(point.costUsd * 1e6).toFixed(2)}\n`);
          }
          if (!result.plan.predicted.meetsSlo) {
            const p = ir.slo.percentile;
            io.stderr(
              `dagc: no plan meets ${p} ≤ ${ir.slo.latencyMs} ms. Fastest achievable ${p}: ${Math.round(result.plan.predicted.latencyMs[p])} ms at $${result.plan.predicted.cost.perMillionExecutionsUsd.toFixed(2)} per 1M executions (the plan written is that fastest one).\n`,
            );
            return EXIT_GATE_FAILED;
          }
          return EXIT_OK;
        }),
      );
    });
};

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new DagcUserError([optimizerDiagnostics.badNumber(flag, text)]);
  return value;
}
