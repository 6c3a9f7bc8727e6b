// dagc optimize app.yaml --slo p95=2s: reads the spec and its profiles, runs
// the optimizer (or a baseline with --strategy) and writes plans/<app>/plan.json,
// then renders statemachine.asl.json and functions/ from it (src/codegen/emit-plan.ts).
// Exit 0 with a plan that meets the SLO; 1 when no plan does (printing the
// fastest achievable and its cost, writing nothing (with --json also as a JSON
// document on stdout, so a tool reading it gets an answer), and moving an older
// plan.json aside to plan.json.stale so it does not pass for this run's);
// 2 on bad input. plan.json is written atomically (src/io/atomic-write.ts):
// a failed write leaves the previous plan byte for byte.
// --frontier prints the cost–latency frontier (each point estimated) first.
// --calibration FILE: the platform latencies to estimate with (over app.yaml's platform:), recorded in the plan.
// The chosen plan is re-estimated on independent draws (plan.json outOfSample);
// one that meets the SLO only on the optimizer's own draws sends the search round again on 4× the samples
// (--out-of-sample-retries, src/cli/out-of-sample-search.ts; warning DAGC0341 says what that cost), and one
// that still does gets warning DAGC0340.
import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { loadApp } from '../../ir/load-app.ts';
import { parseSloFlag } from '../../spec/slo-flag.ts';
import { parseMemoryGridFlag } from '../../spec/memory-grid-check.ts';
import { toMemoryGrid, withMemoryGrid } from '../../ir/memory-grid.ts';
import { parseArrivalsFlag } from '../../spec/arrivals.ts';
import { stableStringify } from '../../model/stable-json.ts';
import { infeasibleReport, monteCarloNote, renderFrontier, renderPlanSummary } from '../render-plan.ts';
import { EXIT_GATE_FAILED, EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import { planApp, DEFAULT_SAMPLES, DEFAULT_SEED } from '../plan-app.ts';
import { parseRetriesFlag, parseSamplesFlag, parseSeedFlag } from '../count-flags.ts';
import { DEFAULT_OUT_OF_SAMPLE_RETRIES } from '../out-of-sample-search.ts';
import { optimizerDiagnostics } from '../../diagnostics/optimizer.ts';
import { DagcUserError } from '../../diagnostics/diagnostic.ts';
import type { RegisterCommand } from './index.ts';
import { planSchemaErrors } from '../../codegen/plan.ts';
import { inputDiagnostics } from '../../diagnostics/input.ts';
import { retireFile, writeFileAtomic } from '../../io/atomic-write.ts';
import { loadPlannedApp } from '../../codegen/plan-deployment.ts';
import { writeRenderedPlan } from '../../codegen/emit-plan.ts';
import { calibrationFromFlag } from '../../calibrate/app-calibration.ts';

/** What a plan.json becomes when a later run finds no plan: it stays for reference, not as the current plan. */
export const RETIRED_PLAN_SUFFIX = '.stale';

interface OptimizeOptions {
  slo?: string;
  out?: string;
  strategy: string;
  samples: string;
  seed: string;
  frontier?: boolean;
  json?: boolean;
  memoryGrid?: string;
  calibration?: string;
  arrivals?: string;
  outOfSampleRetries: string;
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
    .option('--memory-grid <grid>', 'memory sizes to choose from: measured (only profiled sizes), all (the default grid and the profiled sizes), default, or a list of MB like 512,1024,1769 (overrides app.yaml memoryGrid)')
    .option('--arrivals <model>', 'how executions arrive, e.g. rate=60/h, burst=30@1h, burst=30@1m×5, or rate=60/h,burst=30@1h (overrides the spec; default 60/h steady)')
    .option('--out-of-sample-retries <n>', 'when the plan meets the SLO only on the draws it was chosen with, search again on 4× the samples up to n times, each plan checked on fresh draws (0: keep the first plan and warn)', String(DEFAULT_OUT_OF_SAMPLE_RETRIES))
    .option('--frontier', 'print the cost–latency frontier: what a looser or tighter SLO would cost')
    .option('--json', 'print the plan as JSON on stdout')
    .option('--calibration <file>', "the platform's own latencies from dagc calibrate (overrides app.yaml platform:; default: the shipped defaults)")
    .action(async (app: string, options: OptimizeOptions) => {
      setExitCode(
        await runCommand(io, async () => {
          const loaded = loadApp(app);
          for (const warning of loaded.warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
          const ir = options.memoryGrid === undefined ? loaded.ir : withMemoryGrid(loaded.ir, toMemoryGrid(parseMemoryGridFlag(options.memoryGrid)));
          if (options.slo !== undefined) ir.slo = parseSloFlag(options.slo);
          if (!ir.slo) throw new DagcUserError([optimizerDiagnostics.noSlo(app)]);
          const samples = parseSamplesFlag(options.samples);
          const seed = parseSeedFlag(options.seed);
          const outOfSampleRetries = parseRetriesFlag(options.outOfSampleRetries);
          const outDir = path.resolve(options.out ?? path.join('plans', ir.name));
          const calibration = options.calibration === undefined ? undefined : calibrationFromFlag(options.calibration);
          const arrivals = options.arrivals !== undefined ? parseArrivalsFlag(options.arrivals) : undefined;
          const { plan, result, warnings: planWarnings } = planApp(ir, { strategy: options.strategy, samples, seed, outDir, outOfSampleRetries, frontier: options.frontier === true, ...(calibration ? { calibration } : {}), ...(arrivals ? { arrivals } : {}) });
          const p = ir.slo.percentile;
          // With --json the frontier goes to stderr, so stdout stays one JSON document.
          if (options.frontier) (options.json ? io.stderr : io.stdout)(renderFrontier(result.frontier, p, ir.slo.latencyMs));
          const planFile = path.join(outDir, 'plan.json');
          const shownPlanFile = displayPath(planFile);
          if (!result.meetsSlo) {
            // A plan that misses its SLO is not written: the gate failed. Say what is achievable instead.
            const fastest = result.fastest ?? { deployment: result.deployment, summary: result.summary };
            const who = result.strategy === 'dagc' ? 'no plan meets' : `the ${result.strategy} plan misses`;
            // The sentence up to the sizes is what CI steps match on (docs/examples/dagc-gate.yml): the Monte Carlo error goes after it.
            const error = monteCarloNote(fastest.summary.monteCarlo, p);
            io.stderr(
              `dagc: ${who} ${p} ≤ ${ir.slo.latencyMs} ms. Fastest achievable ${p}: ${Math.round(fastest.summary.latencyMs[p])} ms at $${(fastest.summary.costUsd * 1e6).toFixed(2)} per 1M executions` +
                `${result.strategy === 'dagc' ? '' : ` (by ${result.strategy})`}, with ${describeFunctions(fastest.deployment.functions)}.${error ? ` Monte Carlo error of that ${p}:${error}.` : ''}\n`,
            );
            // An older plan.json there would pass for this run's result: move it aside (docs/architecture.md).
            const retired = retireFile(planFile, RETIRED_PLAN_SUFFIX);
            if (retired) io.stderr(`${formatDiagnostic(inputDiagnostics.planRetired(shownPlanFile, displayPath(retired)))}\n`);
            if (options.json) io.stdout(stableStringify(infeasibleReport(ir.name, result.strategy, ir.slo, fastest)));
            return EXIT_GATE_FAILED;
          }
          const bytes = stableStringify(plan);
          // A plan dagc could not read back (a NaN serialized as null) is a dagc bug: never write it.
          const problems = planSchemaErrors(JSON.parse(bytes));
          if (problems.length > 0) throw new Error(`the plan for ${ir.name} breaks the plan schema: ${problems.slice(0, 3).join('; ')}`);
          writeFileAtomic(planFile, bytes);
          // Render (and validate) what goes to AWS from the plan just written: an invalid definition fails here, loudly.
          const planned = loadPlannedApp(outDir);
          const { skipped } = await writeRenderedPlan(outDir, planned.ir, planned.deployment);
          for (const warning of skipped) io.stderr(`${formatDiagnostic(warning)}\n`);
          // A plan that meets the SLO only on its own draws is written (it is the best found) but never passed off as meeting: DAGC0340.
          for (const warning of planWarnings) io.stderr(`${formatDiagnostic(warning)}\n`);
          if (options.json) io.stdout(bytes);
          else {
            io.stdout(renderPlanSummary(plan));
            io.stdout(`plan written to ${shownPlanFile}\n`);
          }
          return EXIT_OK;
        }),
      );
    });
};

/** Relative to where the user is, unless that climbs out of it. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

/** fn=MB arch for the first few functions, so the message stays one line on large apps. */
function describeFunctions(functions: Record<string, { memoryMb: number; architecture: string }>): string {
  const names = Object.keys(functions).sort();
  const shown = names.slice(0, 8).map((fn) => `${fn}=${functions[fn]!.memoryMb} MB ${functions[fn]!.architecture}`);
  return names.length > shown.length ? `${shown.join(', ')} and ${names.length - shown.length} more` : shown.join(', ');
}
