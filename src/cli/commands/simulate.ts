// dagc simulate <app.yaml | plans/<app>> [--memory fn=MB,…] [--arch fn=arm64,…] [--arrivals MODEL | --executions-per-hour N]:
// the latency distribution and cost breakdown of one deployment, by the same
// Monte Carlo estimator the optimizer uses. From app.yaml it is today's
// settings; from a plan (its folder or plan.json) it is the plan's deployment,
// with the plan's samples and seed unless given, so re-simulating an unchanged
// plan reproduces its predicted numbers and a changed profile shows as moved
// numbers (named on stderr). The arrival model is --arrivals, else
// --executions-per-hour (steady traffic), else the plan's or the spec's, else
// the default (60 per hour steady). Overrides apply on top of either; --json lists
// the ones applied (an empty list when none). With an SLO (the plan's or the
// spec's) the estimator draws more samples while its verdict is too close to
// call, as the optimizer's does; the percentile's Monte Carlo error is printed
// (and in --json as monteCarlo). --calibration FILE sets the platform
// latencies (default: the plan's recorded ones, else app.yaml platform:, else the
// shipped defaults); the output names which were used.
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { loadPlannedApp } from '../../codegen/plan-deployment.ts';
import { DagcUserError, formatDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { modelDiagnostics } from '../../diagnostics/model.ts';
import { inputDiagnostics } from '../../diagnostics/input.ts';
import { LAMBDA_LIMITS } from '../../model/platform.ts';
import { optimizerDiagnostics } from '../../diagnostics/optimizer.ts';
import { currentDeployment, type Deployment } from '../../ir/deployment.ts';
import type { ArrivalModel, IR, Slo } from '../../ir/types.ts';
import { parseArrivalsFlag } from '../../spec/arrivals.ts';
import { estimatorOptions } from '../estimator-options.ts';
import { loadApp } from '../../ir/load-app.ts';
import { toSeriesParallel } from '../../ir/series-parallelize.ts';
import { readProfiles } from '../../model/profile.ts';
import { stableStringify } from '../../model/stable-json.ts';
import { DEFAULT_ARRIVALS, DEFAULT_EXECUTIONS_PER_HOUR, DEFAULT_SAMPLES, DEFAULT_SEED, estimate } from '../../sim/index.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import { parseSamplesFlag, parseSeedFlag } from '../count-flags.ts';
import { profileWarnings } from '../plan-app.ts';
import type { RegisterCommand } from './index.ts';
import { calibrationFromFlag, calibrationFromPlan, type ChosenCalibration } from '../../calibrate/app-calibration.ts';
import { DEFAULT_CALIBRATION } from '../../model/calibration.ts';

interface SimulateOptions {
  memory?: string;
  arch?: string;
  samples?: string;
  seed?: string;
  executionsPerHour?: string;
  arrivals?: string;
  json?: boolean;
  calibration?: string;
}

export const registerSimulate: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('simulate')
    .description("predict a deployment's latency distribution and cost per execution (default: today's settings)")
    .argument('<app>', 'path to app.yaml, or a plan (plans/<app> or its plan.json) to re-estimate')
    .option('--memory <fn=MB,...>', 'memory overrides, e.g. encode=1769,split=512')
    .option('--arch <fn=arch,...>', 'architecture overrides, e.g. encode=arm64')
    .option('--samples <n>', `Monte Carlo samples (default: the plan's, else ${DEFAULT_SAMPLES})`)
    .option('--seed <n>', `Monte Carlo seed (default: the plan's, else ${DEFAULT_SEED})`)
    .option('--arrivals <model>', 'how executions arrive, e.g. rate=60/h, burst=30@1h, burst=30@1m×5, or rate=60/h,burst=30@1h (default: the plan\'s or the spec\'s, else 60/h steady)')
    .option('--executions-per-hour <n>', `steady traffic, the same as --arrivals rate=N/h (default ${DEFAULT_EXECUTIONS_PER_HOUR})`)
    .option('--calibration <file>', "the platform's own latencies from dagc calibrate (default: the plan's, else app.yaml platform:, else the shipped defaults)")
    .option('--json', 'print the result as JSON')
    .action(async (app: string, options: SimulateOptions) => {
      setExitCode(
        await runCommand(io, async () => {
          const target = simulationTarget(app);
          const { ir } = target;
          for (const warning of target.warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
          if (target.changedProfiles.length > 0) {
            io.stderr(`note: the profiles of ${target.changedProfiles.join(', ')} changed since the plan was made; the numbers below use the current ones\n`);
          }
          const { profiles, missing } = readProfiles(ir);
          if (missing.length > 0) throw new DagcUserError([optimizerDiagnostics.missingProfiles(missing, `${ir.baseDir}/profiles`)]);
          const { deployment, overrides } = withOverrides(target.deployment, options);
          const samplesText = options.samples ?? String(target.samples);
          const seedText = options.seed ?? String(target.seed);
          const samples = parseSamplesFlag(samplesText);
          const seed = parseSeedFlag(seedText);
          const arrivals = arrivalsFor(options, target.arrivals);
          const calibration = options.calibration === undefined ? target.calibration : calibrationFromFlag(options.calibration);
          // With an SLO, close verdicts draw more samples, as dagc optimize's do (the same options): an unchanged plan reproduces its numbers.
          const settings = { samples, seed, ...(target.slo ? { slo: target.slo } : {}), ...(calibration ? { calibration } : {}), ...(arrivals ? { arrivals } : {}) };
          const result = estimate(toSeriesParallel(ir).ir, deployment, profiles, estimatorOptions(settings));
          const calibrationUsed = calibration ? { origin: calibration.origin, source: calibration.calibration.source } : { origin: 'shipped defaults', source: DEFAULT_CALIBRATION.source };
          // What the estimate assumed where a profile's cold evidence is thin: said once it has run, not before a usage error.
          for (const warning of profileWarnings(profiles)) io.stderr(`${formatDiagnostic(warning)}\n`);
          const slo = target.slo ? { ...target.slo, meets: result.latencyMs[target.slo.percentile] <= target.slo.latencyMs } : undefined;
          if (options.json) {
            io.stdout(stableStringify({ app: ir.name, from: target.from, deployment: deployment.functions, overrides, arrivals: arrivals ?? DEFAULT_ARRIVALS, calibration: calibrationUsed, ...(slo ? { slo } : {}), ...result }));
            return EXIT_OK;
          }
          const l = result.latencyMs;
          const ms = (v: number) => `${Math.round(v)} ms`;
          const perMillion = (usd: number) => `$${(usd * 1e6).toFixed(2)}`;
          const b = result.breakdown;
          io.stdout(`${ir.name}: ${Object.entries(deployment.functions).map(([fn, d]) => `${fn} ${d.memoryMb} MB ${d.architecture}`).join(', ')}\n`);
          io.stdout(`latency  p50 ${ms(l.p50)}  p90 ${ms(l.p90)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}  max ${ms(l.max)}  (${result.samples} samples, seed ${seed})\n`);
          const error = result.monteCarlo;
          if (error) {
            io.stdout(`Monte Carlo error: ${error.percentile} ${ms(result.latencyMs[error.percentile])} ± ${ms((error.highMs - error.lowMs) / 2)} (${Math.round(error.confidence * 100)} % interval ${ms(error.lowMs)}–${ms(error.highMs)})\n`);
          }
          io.stdout(`cost per 1M executions ${perMillion(result.costUsd)}: Lambda compute ${perMillion(b.lambdaComputeUsd)}, requests ${perMillion(b.lambdaRequestsUsd)}, Step Functions ${perMillion(b.stepFunctionsUsd)}, S3 ${perMillion(b.s3Usd)}, provisioned ${perMillion(b.provisionedConcurrencyUsd)}\n`);
          io.stdout(`platform latencies: ${calibrationUsed.origin} (${calibrationUsed.source})\n`);
          if (slo) io.stdout(`SLO ${slo.percentile} ${ms(slo.latencyMs)}: ${slo.meets ? 'met' : 'MISSED'} (${target.from})\n`);
          return EXIT_OK;
        }),
      );
    });
};

interface SimulationTarget {
  from: string;
  ir: IR;
  deployment: Deployment;
  warnings: Diagnostic[];
  changedProfiles: string[];
  samples: number;
  seed: number;
  slo?: Slo;
  /** The plan's recorded calibration, or the app's platform section. */
  calibration?: ChosenCalibration;
  /** The plan's recorded arrival model, or the spec's section. */
  arrivals?: ArrivalModel;
}

/** --arrivals, else --executions-per-hour as steady traffic, else the target's own model (undefined: the estimator's default). */
function arrivalsFor(options: SimulateOptions, own: ArrivalModel | undefined): ArrivalModel | undefined {
  if (options.arrivals !== undefined) return parseArrivalsFlag(options.arrivals);
  if (options.executionsPerHour !== undefined) {
    const ratePerHour = Number(options.executionsPerHour);
    if (!(ratePerHour > 0) || !Number.isFinite(ratePerHour)) throw new DagcUserError([modelDiagnostics.badExecutionsPerHour(options.executionsPerHour)]);
    return { ratePerHour };
  }
  return own;
}

/** A plan (a folder holding plan.json, or a .json file) or an app spec at today's settings. */
function simulationTarget(location: string): SimulationTarget {
  const isPlan = location.endsWith('.json') || (existsSync(location) && statSync(location).isDirectory());
  if (isPlan) {
    const planned = loadPlannedApp(location);
    return {
      from: `plan ${planned.planFile}`,
      ir: planned.ir,
      deployment: planned.deployment,
      warnings: planned.warnings,
      changedProfiles: planned.changedProfiles,
      samples: planned.plan.estimator.samples,
      seed: planned.plan.estimator.seed,
      slo: planned.plan.slo,
      // Re-simulating a plan uses what it was made with: its recorded calibration, else the defaults it had.
      ...(planned.plan.arrivals ? { arrivals: planned.plan.arrivals } : {}),
      ...(planned.plan.calibration ? { calibration: calibrationFromPlan(planned.plan.calibration, planned.planFile) } : {}),
    };
  }
  const { ir, warnings } = loadApp(location);
  return { from: "today's settings", ir, deployment: currentDeployment(ir), warnings, changedProfiles: [], samples: DEFAULT_SAMPLES, seed: DEFAULT_SEED, ...(ir.slo ? { slo: ir.slo } : {}), ...(ir.calibration ? { calibration: ir.calibration } : {}), ...(ir.arrivals ? { arrivals: ir.arrivals } : {}) };
}

/** One --memory/--arch override as applied: --json lists them, so a result is never mistaken for the plan's own. */
interface AppliedOverride {
  function: string;
  setting: 'memoryMb' | 'architecture';
  from: number | string;
  to: number | string;
}

function withOverrides(base: Deployment, options: SimulateOptions): { deployment: Deployment; overrides: AppliedOverride[] } {
  const functions = { ...base.functions };
  const overrides: AppliedOverride[] = [];
  for (const [fn, value] of pairs(options.memory)) {
    const memoryMb = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!functions[fn] || !Number.isInteger(memoryMb)) throw new DagcUserError([modelDiagnostics.badMemoryFlag(`${fn}=${value}`)]);
    // An out-of-range size would be estimated as if Lambda allowed it, and could "meet" the SLO.
    if (memoryMb < LAMBDA_LIMITS.minMemoryMb || memoryMb > LAMBDA_LIMITS.maxMemoryMb) {
      throw new DagcUserError([inputDiagnostics.memoryFlagOutOfRange(fn, value, LAMBDA_LIMITS.minMemoryMb, LAMBDA_LIMITS.maxMemoryMb)]);
    }
    overrides.push({ function: fn, setting: 'memoryMb', from: functions[fn]!.memoryMb, to: memoryMb });
    functions[fn] = { ...functions[fn]!, memoryMb };
  }
  for (const [fn, value] of pairs(options.arch)) {
    if (!functions[fn] || (value !== 'x86_64' && value !== 'arm64')) throw new DagcUserError([modelDiagnostics.badMemoryFlag(`${fn}=${value}`)]);
    overrides.push({ function: fn, setting: 'architecture', from: functions[fn]!.architecture, to: value });
    functions[fn] = { ...functions[fn]!, architecture: value };
  }
  return { deployment: { ...base, functions }, overrides };
}

function pairs(text: string | undefined): Array<[string, string]> {
  if (!text) return [];
  return text.split(',').map((part) => {
    const [fn, value] = part.split('=');
    if (!fn || value === undefined) throw new DagcUserError([modelDiagnostics.badMemoryFlag(part)]);
    return [fn.trim(), value.trim()];
  });
}

