// `dagc profile` as a library call: load the app, measure (or read logs),
// fit, write profiles/<function>.json, and return the run report. The CLI
// command only parses flags, wires signals and prints.
//
// One code path for AWS and the emulator: `--endpoint` only overrides where
// the SDK clients send their requests; `--local` starts the emulator on
// loopback, deploys the app's handlers into it, and then does exactly what
// `--endpoint` does.
import path from 'node:path';
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { profilerDiagnostics } from '../diagnostics/profiler.ts';
import { loadAppIr } from '../ir/load-app.ts';
import type { IR } from '../ir/types.ts';
import { createAwsClients, destroyAwsClients, type AwsClients } from './aws-clients.ts';
import { spendOf } from './cost.ts';
import { inputDiagnostics } from '../diagnostics/input.ts';
import { AWS_REGIONS } from '../spec/regions.ts';
import { checkLogRead, profileFromReports, readReportsFromFile, readReportsFromLogGroup } from './from-logs.ts';
import { resolveDeployedNames } from './function-names.ts';
import { sdkLambdaPort } from './lambda-port.ts';
import { describeLogSource, resolveLogSources } from './log-sources.ts';
import { describeLocalHost, startLocalLambda, type LocalLambda } from './local-lambda.ts';
import { lambdaMemoryBounds, lambdaPriceSheet, saveProfile, withFittedModels } from './profile-files.ts';
import { parseInvocations, parseMemoryList } from './option-parsing.ts';
import { profileApp, type FunctionSummary } from './profile-app.ts';
import type { ProgressEvent } from './profile-function.ts';
import type { RetryNotice } from './progress.ts';
import type { RetryPolicy } from './retry.ts';
import { totalSpend, type FunctionReport, type RunReport } from './summary.ts';

export interface ProfileCommandOptions {
  app: string;
  endpoint?: string;
  local?: boolean;
  profile?: string;
  region?: string;
  memory?: string;
  invocations?: string;
  fromLogs?: string[];
  functionName?: string[];
  only?: string[];
  out?: string;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent | RetryNotice) => void;
  onWarning?: (diagnostic: Diagnostic) => void;
  /** Seeded jitter for retries; tests pass a fixed source. */
  random?: () => number;
  /** Retry policy for AWS calls (tests shorten it). */
  retryPolicy?: RetryPolicy;
}

function appFunctions(ir: IR, only: readonly string[] | undefined): string[] {
  const all = [...ir.functions.keys()].sort();
  if (!only || only.length === 0) return all;
  const unknown = only.filter((name) => !ir.functions.has(name));
  if (unknown.length > 0) throw new DagcUserError(unknown.map((name) => profilerDiagnostics.unknownFunction('--only', name, all)));
  return all.filter((name) => only.includes(name));
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function profilesDir(ir: IR, out: string | undefined): string {
  return out ? path.resolve(out) : path.join(ir.baseDir, 'profiles');
}

export async function runProfile(options: ProfileCommandOptions): Promise<RunReport> {
  if (options.local && options.endpoint) throw new DagcUserError([profilerDiagnostics.endpointConflict()]);
  // Checked before anything else: the SDK would report a malformed endpoint as a credentials problem.
  if (options.endpoint !== undefined && !isHttpUrl(options.endpoint)) throw new DagcUserError([inputDiagnostics.badEndpoint(options.endpoint)]);
  // A region the SDK does not know becomes an unreachable host name, reported as a network or credentials failure.
  const regionProblems: Diagnostic[] = [];
  if (options.region !== undefined && !AWS_REGIONS.includes(options.region)) regionProblems.push(inputDiagnostics.unknownRegion(undefined, options.region, AWS_REGIONS, '--region'));
  const regionFromEnvironment = options.region === undefined && options.endpoint === undefined && !options.local && !options.fromLogs?.length;
  for (const name of regionFromEnvironment ? ['AWS_REGION', 'AWS_DEFAULT_REGION'] : []) {
    const value = process.env[name];
    if (value && !AWS_REGIONS.includes(value)) regionProblems.push(inputDiagnostics.unknownRegion(undefined, value, AWS_REGIONS, `environment variable ${name}`));
  }
  if (regionProblems.length > 0) throw new DagcUserError(regionProblems);
  const ir = loadAppIr(options.app);
  const functions = appFunctions(ir, options.only);
  const deployedNames = resolveDeployedNames(functions, options.functionName ?? []);
  const outDir = profilesDir(ir, options.out);
  if (options.fromLogs && options.fromLogs.length > 0) return profileFromLogs(options, ir, deployedNames, outDir);

  const bounds = lambdaMemoryBounds();
  const grid = options.memory === undefined ? undefined : parseMemoryList(options.memory, bounds.minMemoryMb, bounds.maxMemoryMb);
  const fixedWarmCount = options.invocations === undefined ? undefined : parseInvocations(options.invocations);
  let clients: AwsClients | undefined;
  let local: LocalLambda | undefined;
  try {
    if (options.local) local = await startLocalLambda(ir, deployedNames);
    const endpoint = local?.endpoint ?? options.endpoint;
    clients = await createAwsClients({ region: options.region, profile: options.profile, endpoint, fallbackRegion: ir.region });
    const lambda = sdkLambdaPort(clients.lambda, {
      region: clients.region,
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
      retryHooks: { signal: options.signal, random: options.random, onRetry: (event) => options.onProgress?.({ kind: 'retry', ...event }) },
    });
    const written = new Map<string, { path: string; fitErrorPct?: number }>();
    const result = await profileApp({
      ir,
      deployedNames,
      lambda,
      journalDir: path.join(outDir, '.journal'),
      platformMinMemoryMb: bounds.minMemoryMb,
      platformMaxMemoryMb: bounds.maxMemoryMb,
      sampling: { ...(grid ? { grid } : {}), ...(fixedWarmCount ? { fixedWarmCount } : {}) },
      source: () => ({
        kind: endpoint === undefined ? 'aws' : 'emulator',
        description:
          endpoint === undefined
            ? `dagc profile through the AWS Lambda API`
            : local
              ? `dagc profile --local through the Lambda API: ${describeLocalHost(local.cpuLimitMode)}`
              : `dagc profile through the Lambda API at ${endpoint}`,
        region: endpoint === undefined ? clients!.region : 'local',
      }),
      prices: (architecture) => lambdaPriceSheet(clients!.region, architecture),
      signal: options.signal,
      onProgress: options.onProgress,
      onWarning: options.onWarning,
      onProfile: async (profile) => {
        const fitted = withFittedModels(profile);
        const model = Object.values(fitted.architectures)[0]?.model;
        written.set(profile.function, { path: saveProfile(outDir, fitted), ...(model ? { fitErrorPct: model.fitErrorPct } : {}) });
      },
    });
    const reports = result.functions.map((summary) => functionReport(summary, written.get(summary.function)!, endpoint === undefined ? 'aws' : 'emulator'));
    const report: RunReport = { app: ir.name, mode: 'invoke', region: clients.region, functions: reports, skipped: result.skipped, interrupted: result.interrupted, totals: totalSpend(reports) };
    if (endpoint !== undefined) report.endpoint = local ? 'local emulator' : endpoint;
    return report;
  } finally {
    if (clients) destroyAwsClients(clients);
    await local?.stop();
  }
}

function functionReport(summary: FunctionSummary, written: { path: string; fitErrorPct?: number }, source: string): FunctionReport {
  const report: FunctionReport = {
    function: summary.function,
    deployedName: summary.deployedName,
    architecture: summary.architecture,
    source,
    measuredMb: summary.measuredMb,
    spend: summary.spend,
    invocationsThisRun: summary.invocationsThisRun,
    profilePath: written.path,
  };
  if (summary.flatFromMb !== undefined) report.flatFromMb = summary.flatFromMb;
  if (written.fitErrorPct !== undefined) report.fitErrorPct = written.fitErrorPct;
  return report;
}

async function profileFromLogs(options: ProfileCommandOptions, ir: IR, deployedNames: Map<string, string>, outDir: string): Promise<RunReport> {
  const sources = resolveLogSources(options.fromLogs!, deployedNames, process.cwd());
  const needsCloudWatch = [...sources.values()].some((source) => source.kind === 'log-group');
  const clients = needsCloudWatch
    ? await createAwsClients({ region: options.region, profile: options.profile, endpoint: options.endpoint, fallbackRegion: ir.region })
    : undefined;
  try {
    const reports: FunctionReport[] = [];
    for (const [fn, source] of sources) {
      const read =
        source.kind === 'file'
          ? await readReportsFromFile(source.path)
          : await readReportsFromLogGroup(clients!.logs, source.name, { signal: options.signal, retryHooks: { random: options.random } });
      for (const warning of checkLogRead(read)) options.onWarning?.(warning);
      const architecture = ir.functions.get(fn)!.architectures[0]!;
      const profile = withFittedModels(profileFromReports(fn, architecture, read.records, read.description));
      const profilePath = saveProfile(outDir, profile);
      const measured = profile.architectures[architecture]!.measurements;
      const report: FunctionReport = {
        function: fn,
        architecture,
        source: describeLogSource(source),
        measuredMb: measured.map((m: { memoryMb: number }) => m.memoryMb),
        spend: spendOf(read.records, lambdaPriceSheet(clients?.region ?? ir.region, architecture)),
        invocationsThisRun: 0,
        profilePath,
      };
      const fitErrorPct = profile.architectures[architecture]!.model?.fitErrorPct;
      if (fitErrorPct !== undefined) report.fitErrorPct = fitErrorPct;
      reports.push(report);
    }
    return { app: ir.name, mode: 'logs', region: clients?.region ?? ir.region, functions: reports, skipped: [], interrupted: false, totals: totalSpend(reports) };
  } finally {
    if (clients) destroyAwsClients(clients);
  }
}
