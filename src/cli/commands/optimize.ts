// dagc optimize app.yaml --slo p95=2s: reads the spec and its profiles, runs
// the optimizer (or a baseline with --strategy) and writes plans/<app>/plan.json.
// Exit 0 with a plan that meets the SLO; 1 when no plan does (printing the
// fastest achievable and its cost, writing nothing; with --json also as a JSON
// document on stdout, so a tool reading it gets an answer); 2 on bad input.
// --frontier prints the cost–latency frontier (each point estimated) first.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { loadApp } from '../../ir/load-app.ts';
import { parseSloFlag } from '../../spec/slo-flag.ts';
import { stableStringify } from '../../model/stable-json.ts';
import { infeasibleReport, renderFrontier, renderPlanSummary } from '../render-plan.ts';
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
    .option('--frontier', 'print the cost–latency frontier: what a looser or tighter SLO would cost')
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
          const { plan, result } = planApp(ir, { strategy: options.strategy, samples, seed, outDir, frontier: options.frontier === true });
          const p = ir.slo.percentile;
          // With --json the frontier goes to stderr, so stdout stays one JSON document.
          if (options.frontier) (options.json ? io.stderr : io.stdout)(renderFrontier(result.frontier, p, ir.slo.latencyMs));
          if (!result.meetsSlo) {
            // A plan that misses its SLO is not written: the gate failed. Say what is achievable instead.
            const fastest = result.fastest ?? { deployment: result.deployment, summary: result.summary };
            const who = result.strategy === 'dagc' ? 'no plan meets' : `the ${result.strategy} plan misses`;
            io.stderr(
              `dagc: ${who} ${p} ≤ ${ir.slo.latencyMs} ms. Fastest achievable ${p}: ${Math.round(fastest.summary.latencyMs[p])} ms at $${(fastest.summary.costUsd * 1e6).toFixed(2)} per 1M executions` +
                `${result.strategy === 'dagc' ? '' : ` (by ${result.strategy})`}, with ${describeFunctions(fastest.deployment.functions)}.\n`,
            );
            if (options.json) io.stdout(stableStringify(infeasibleReport(ir.name, result.strategy, ir.slo, fastest)));
            return EXIT_GATE_FAILED;
          }
          mkdirSync(outDir, { recursive: true });
          const bytes = stableStringify(plan);
          writeFileSync(path.join(outDir, 'plan.json'), bytes);
          if (options.json) io.stdout(bytes);
          else {
            io.stdout(renderPlanSummary(plan));
            io.stdout(`plan written to ${path.relative(process.cwd(), path.join(outDir, 'plan.json')) || 'plan.json'}\n`);
          }
          return EXIT_OK;
        }),
      );
    });
};

/** fn=MB arch for the first few functions, so the message stays one line on large apps. */
function describeFunctions(functions: Record<string, { memoryMb: number; architecture: string }>): string {
  const names = Object.keys(functions).sort();
  const shown = names.slice(0, 8).map((fn) => `${fn}=${functions[fn]!.memoryMb} MB ${functions[fn]!.architecture}`);
  return names.length > shown.length ? `${shown.join(', ')} and ${names.length - shown.length} more` : shown.join(', ');
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new DagcUserError([optimizerDiagnostics.badNumber(flag, text)]);
  return value;
}
