// dagc simulate app.yaml [--memory fn=MB,…] [--arch fn=arm64,…]: the latency
// distribution and cost breakdown of one deployment (today's settings unless
// overridden), by the same Monte Carlo estimator the optimizer uses.
import type { Command } from 'commander';
import { DagcUserError, formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { modelDiagnostics } from '../../diagnostics/model.ts';
import { optimizerDiagnostics } from '../../diagnostics/optimizer.ts';
import { currentDeployment, type Deployment } from '../../ir/deployment.ts';
import { loadApp } from '../../ir/load-app.ts';
import { toSeriesParallel } from '../../ir/series-parallelize.ts';
import { readProfiles } from '../../model/profile.ts';
import { stableStringify } from '../../model/stable-json.ts';
import { DEFAULT_SAMPLES, DEFAULT_SEED, estimate } from '../../sim/index.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';

interface SimulateOptions {
  memory?: string;
  arch?: string;
  samples: string;
  seed: string;
  json?: boolean;
}

export const registerSimulate: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('simulate')
    .description("predict a deployment's latency distribution and cost per execution (default: today's settings)")
    .argument('<app>', 'path to app.yaml')
    .option('--memory <fn=MB,...>', 'memory overrides, e.g. encode=1769,split=512')
    .option('--arch <fn=arch,...>', 'architecture overrides, e.g. encode=arm64')
    .option('--samples <n>', 'Monte Carlo samples', String(DEFAULT_SAMPLES))
    .option('--seed <n>', 'Monte Carlo seed', String(DEFAULT_SEED))
    .option('--json', 'print the result as JSON')
    .action(async (app: string, options: SimulateOptions) => {
      setExitCode(
        await runCommand(io, async () => {
          const { ir, warnings } = loadApp(app);
          for (const warning of warnings) io.stderr(`${formatDiagnostic(warning)}\n`);
          const { profiles, missing } = readProfiles(ir);
          if (missing.length > 0) throw new DagcUserError([optimizerDiagnostics.missingProfiles(missing, `${ir.baseDir}/profiles`)]);
          const deployment = withOverrides(currentDeployment(ir), options);
          const samples = Number(options.samples);
          const seed = Number(options.seed);
          if (!Number.isInteger(samples) || samples < 1) throw new DagcUserError([optimizerDiagnostics.badNumber('--samples', options.samples)]);
          if (!Number.isInteger(seed) || seed < 0) throw new DagcUserError([optimizerDiagnostics.badNumber('--seed', options.seed)]);
          const result = estimate(toSeriesParallel(ir).ir, deployment, profiles, { samples, seed });
          if (options.json) {
            io.stdout(stableStringify({ app: ir.name, deployment: deployment.functions, ...result }));
            return EXIT_OK;
          }
          const l = result.latencyMs;
          const ms = (v: number) => `${Math.round(v)} ms`;
          const perMillion = (usd: number) => `$${(usd * 1e6).toFixed(2)}`;
          const b = result.breakdown;
          io.stdout(`${ir.name}: ${Object.entries(deployment.functions).map(([fn, d]) => `${fn} ${d.memoryMb} MB ${d.architecture}`).join(', ')}\n`);
          io.stdout(`latency  p50 ${ms(l.p50)}  p90 ${ms(l.p90)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}  max ${ms(l.max)}  (${result.samples} samples, seed ${seed})\n`);
          io.stdout(`cost per 1M executions ${perMillion(result.costUsd)}: Lambda compute ${perMillion(b.lambdaComputeUsd)}, requests ${perMillion(b.lambdaRequestsUsd)}, Step Functions ${perMillion(b.stepFunctionsUsd)}, S3 ${perMillion(b.s3Usd)}, provisioned ${perMillion(b.provisionedConcurrencyUsd)}\n`);
          return EXIT_OK;
        }),
      );
    });
};

function withOverrides(base: Deployment, options: SimulateOptions): Deployment {
  const functions = { ...base.functions };
  for (const [fn, value] of pairs(options.memory)) {
    const memoryMb = Number(value);
    if (!functions[fn] || !Number.isInteger(memoryMb)) throw new DagcUserError([modelDiagnostics.badMemoryFlag(`${fn}=${value}`)]);
    functions[fn] = { ...functions[fn]!, memoryMb };
  }
  for (const [fn, value] of pairs(options.arch)) {
    if (!functions[fn] || (value !== 'x86_64' && value !== 'arm64')) throw new DagcUserError([modelDiagnostics.badMemoryFlag(`${fn}=${value}`)]);
    functions[fn] = { ...functions[fn]!, architecture: value };
  }
  return { ...base, functions };
}

function pairs(text: string | undefined): Array<[string, string]> {
  if (!text) return [];
  return text.split(',').map((part) => {
    const [fn, value] = part.split('=');
    if (!fn || value === undefined) throw new DagcUserError([modelDiagnostics.badMemoryFlag(part)]);
    return [fn.trim(), value.trim()];
  });
}
