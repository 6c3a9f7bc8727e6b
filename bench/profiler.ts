// Profiler efficiency: invocations spent by dagc's adaptive profiler against a
// fixed grid the way AWS Lambda Power Tuning samples (its six default power
// values 128/256/512/1024/1536/3008 MB × 10 invocations each), and how well
// each one's profile predicts the p95 at memory sizes NEITHER measured,
// against a dense measurement there (the first invocation cold, then
// WARMUP_INVOCATIONS warm-up ones, then the empirical p95 of 20 warm ones).
// Warm-up is the same rule for all three (src/profiler/measurements.ts): the
// profile's warm distribution is the steady state, for dagc, for Power
// Tuning's 10 invocations a size and for the truth alike.
//
// Everything runs on real fixture handlers in the local emulator through the
// AWS SDK — the same code path as `dagc profile --local`. Both methods'
// predictions come from the same place: the fitted profile model that the
// estimator uses (src/model/duration-model.ts), so the comparison is of where
// and how much each method samples, not of two different fits. The three
// measurements of a function (dagc, Power Tuning, the dense truth) run on three
// deployed copies of it and take turns, one invocation at a time, each at its
// own pace (turnstile.ts): run one after another, they met different host
// load on a 2-core VM, and a method's whole profile came out 30-60 % slower or
// faster than the truth measured minutes later. Host load is printed.
// Target: dagc's p95 error no worse than Power Tuning's, with at most half
// its invocations. A second table (profiler-synthetic.ts) repeats the
// comparison on synthetic functions with known truth, free of host noise.
// BENCH_PROFILER_FUNCTIONS=app/fn,… picks the functions ('' = the synthetic table
// alone, in seconds and without the emulator),
// BENCH_PROFILER_DETAIL=1 prints every held-out size, BENCH_PROFILER_PROFILES=dir
// writes each method's profile and the truth there (to look at the samples behind a row).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../src/emulator/index.ts';
import { loadAppIr } from '../src/ir/load-app.ts';
import { durationModel } from '../src/model/duration-model.ts';
import type { FunctionProfile } from '../src/model/profile-types.ts';
import { createAwsClients, destroyAwsClients } from '../src/profiler/aws-clients.ts';
import { spendOf } from '../src/profiler/cost.ts';
import { sdkLambdaPort, type LambdaPort } from '../src/profiler/lambda-port.ts';
import { WARMUP_INVOCATIONS } from '../src/profiler/measurements.ts';
import { profileFromSamples } from '../src/profiler/profile-app.ts';
import { lambdaMemoryBounds, withFittedModels } from '../src/profiler/profile-files.ts';
import { profileFunction, type ProfileRunOptions } from '../src/profiler/profile-function.ts';
import { isColdStart, type ReportRecord } from '../src/profiler/report-line.ts';
import { DEFAULT_SAMPLING, type SamplingOptions } from '../src/profiler/sampling-plan.ts';
import { asTask, gatedPort, Turnstile } from './turnstile.ts';
import { projectRoot } from './apps.ts';
import { POWER_TUNING_SAMPLING, syntheticProfilerBench, withoutWarmup } from './profiler-synthetic.ts';
import { formatTable, ratio, type Cell } from './table.ts';

const DEFAULT_FUNCTIONS = ['video/encode', 'ml-pipeline/train', 'tree-reduction/leaf', 'sebs-1000-genome/frequency', 'mapreduce/map', 'tiled-linear-algebra/syrk'];
const POWER_TUNING_GRID = POWER_TUNING_SAMPLING.grid!;
const POWER_TUNING_INVOCATIONS = POWER_TUNING_SAMPLING.fixedWarmCount! + WARMUP_INVOCATIONS + 1;
/** Candidate held-out sizes; those either method measured are dropped per function. */
const EVALUATION_SIZES = [192, 384, 640, 896, 1280, 1769, 2304, 3584, 5120];
const DENSE_WARM_SAMPLES = 20;
const P95 = 0.95;

interface Method {
  invocations: number;
  billedGbSeconds: number;
  measuredMb: number[];
  profile: FunctionProfile;
  /** The same samples with the warm-up samples dropped: what the predictor read before it used them. */
  steadyOnly: FunctionProfile;
}

interface Row {
  name: string;
  detail: string[];
  dagc: Method;
  powerTuning: Method;
  evaluatedMb: number[];
  dagcErrors: number[];
  powerTuningErrors: number[];
  dagcSteadyOnlyErrors: number[];
  powerTuningSteadyOnlyErrors: number[];
}

function empiricalQuantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

const reportsOf = (events: Awaited<ReturnType<typeof profileFunction>>['events']): ReportRecord[] =>
  events.flatMap((event) => (event.kind === 'sample' ? [event.report] : []));

async function measure(name: string, port: LambdaPort, payload: Uint8Array, sampling: ProfileRunOptions['sampling']): Promise<Method> {
  const bounds = lambdaMemoryBounds();
  const run = await profileFunction(
    { functionName: name, deployedName: name, payload },
    { lambda: port, journalDir: mkdtempSync(path.join(tmpdir(), 'dagc-bench-journal-')), platformMinMemoryMb: bounds.minMemoryMb, platformMaxMemoryMb: bounds.maxMemoryMb, sampling },
  );
  const reports = reportsOf(run.events);
  const raw = profileFromSamples(name, run.architecture, reports, { kind: 'emulator', description: 'bench', region: 'local' });
  return { invocations: reports.length, billedGbSeconds: spendOf(reports, undefined).billedGbSeconds, measuredMb: run.done!.measuredMb, profile: withFittedModels(raw), steadyOnly: withFittedModels(withoutWarmup(raw)) };
}

async function denseP95(port: LambdaPort, name: string, payload: Uint8Array, memoryMb: number): Promise<number> {
  await port.setMemory(name, memoryMb);
  await port.invoke(name, payload, memoryMb); // the cold start after the change
  // The same warm-up rule as the profiles' (a cold start mid-way would restart the count).
  let warmSinceCold = 0;
  const warm: number[] = [];
  while (warm.length < DENSE_WARM_SAMPLES) {
    const { report } = await port.invoke(name, payload, memoryMb);
    if (isColdStart(report)) warmSinceCold = 0;
    else if (report.status !== 'error' && ++warmSinceCold > WARMUP_INVOCATIONS && report.status === 'success') warm.push(report.durationMs);
  }
  return empiricalQuantile(warm, P95);
}

function predictedP95(profile: FunctionProfile, memoryMb: number): number {
  return durationModel(profile, 'x86_64')!.quantile(memoryMb, P95);
}

async function benchFunction(emulator: RunningEmulator, port: LambdaPort, spec: string): Promise<Row> {
  const [appName, fn] = spec.split('/') as [string, string];
  const ir = loadAppIr(path.join(projectRoot, 'fixtures', appName, 'app.yaml'));
  const info = ir.functions.get(fn)!;
  // One deployed copy per measurement, each with its own memory setting and environments, so the three can interleave.
  const copies = { dagc: `${appName}-${fn}-dagc`, powerTuning: `${appName}-${fn}-pt`, truth: `${appName}-${fn}-truth` };
  for (const name of Object.values(copies)) {
    emulator.registerFunction({ name, handlerPath: info.handlerPath!, memoryMb: info.memoryMb, timeoutMs: info.timeoutMs, architecture: 'x86_64' });
  }
  const payload = new Uint8Array(await readFile(info.payloadPath!));
  // BENCH_PROFILER_SAMPLING='{"tolerance":0.2}' tries other settings; the default is dagc's own.
  const dagcSampling = JSON.parse(process.env.BENCH_PROFILER_SAMPLING ?? '{}') as Partial<SamplingOptions>;
  // The three measurements take turns, one invocation at a time, each at its own pace (turnstile.ts), so
  // a host that gets busier or quieter during the function's run slows all three alike.
  const turnstile = new Turnstile();
  const dagcTask = turnstile.enter('dagc', dagcSampling.maxInvocations ?? DEFAULT_SAMPLING.maxInvocations ?? 30);
  const powerTuningTask = turnstile.enter('power-tuning', POWER_TUNING_GRID.length * POWER_TUNING_INVOCATIONS);
  const truthTask = turnstile.enter('truth', EVALUATION_SIZES.length * (1 + WARMUP_INVOCATIONS + DENSE_WARM_SAMPLES));
  const [dagc, powerTuning, truths] = await Promise.all([
    asTask(dagcTask, () => measure(copies.dagc, gatedPort(port, dagcTask), payload, dagcSampling)),
    asTask(powerTuningTask, () => measure(copies.powerTuning, gatedPort(port, powerTuningTask), payload, POWER_TUNING_SAMPLING)),
    asTask(truthTask, async () => {
      const truthPort = gatedPort(port, truthTask);
      const bySize = new Map<number, number>();
      for (const memoryMb of EVALUATION_SIZES) bySize.set(memoryMb, await denseP95(truthPort, copies.truth, payload, memoryMb));
      return bySize;
    }),
  ]);
  const profilesDir = process.env.BENCH_PROFILER_PROFILES;
  if (profilesDir) {
    mkdirSync(profilesDir, { recursive: true });
    const file = (method: string) => path.join(profilesDir, `${appName}-${fn}-${method}.json`);
    writeFileSync(file('dagc'), `${JSON.stringify(dagc.profile, null, 2)}\n`);
    writeFileSync(file('power-tuning'), `${JSON.stringify(powerTuning.profile, null, 2)}\n`);
    writeFileSync(file('truth'), `${JSON.stringify(Object.fromEntries(truths), null, 2)}\n`);
  }
  const measured = new Set([...dagc.measuredMb, ...powerTuning.measuredMb]);
  const evaluatedMb = EVALUATION_SIZES.filter((size) => !measured.has(size));
  const dagcErrors: number[] = [];
  const powerTuningErrors: number[] = [];
  const dagcSteadyOnlyErrors: number[] = [];
  const powerTuningSteadyOnlyErrors: number[] = [];
  const detail: string[] = [];
  for (const memoryMb of evaluatedMb) {
    const truth = truths.get(memoryMb)!;
    const [fromDagc, fromPowerTuning] = [predictedP95(dagc.profile, memoryMb), predictedP95(powerTuning.profile, memoryMb)];
    const [dagcSteady, powerTuningSteady] = [predictedP95(dagc.steadyOnly, memoryMb), predictedP95(powerTuning.steadyOnly, memoryMb)];
    dagcErrors.push(Math.abs(fromDagc / truth - 1));
    powerTuningErrors.push(Math.abs(fromPowerTuning / truth - 1));
    dagcSteadyOnlyErrors.push(Math.abs(dagcSteady / truth - 1));
    powerTuningSteadyOnlyErrors.push(Math.abs(powerTuningSteady / truth - 1));
    detail.push(
      `  ${spec} ${memoryMb} MB: measured p95 ${truth.toFixed(1)} ms, dagc ${fromDagc.toFixed(1)}, Power Tuning ${fromPowerTuning.toFixed(1)} (steady samples only: ${dagcSteady.toFixed(1)}, ${powerTuningSteady.toFixed(1)})`,
    );
  }
  return { name: spec, detail, dagc, powerTuning, evaluatedMb, dagcErrors, powerTuningErrors, dagcSteadyOnlyErrors, powerTuningSteadyOnlyErrors };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const pct = (value: number) => `${(100 * value).toFixed(1)}%`;

export async function profilerBench(): Promise<string> {
  const synthetic = syntheticProfilerBench();
  if (process.env.BENCH_PROFILER_FUNCTIONS === '') return synthetic;
  const functions = (process.env.BENCH_PROFILER_FUNCTIONS ?? DEFAULT_FUNCTIONS.join(',')).split(',').filter(Boolean);
  const loadBefore = loadavg()[0]!;
  const emulator = await startEmulator();
  const clients = await createAwsClients({ endpoint: emulator.endpoint, region: 'us-east-1', fallbackRegion: 'us-east-1' }, {});
  const port = sdkLambdaPort(clients.lambda, { region: 'us-east-1' });
  const rows: Row[] = [];
  const started = Date.now();
  try {
    for (const spec of functions) rows.push(await benchFunction(emulator, port, spec));
  } finally {
    destroyAwsClients(clients);
    await emulator.close();
  }
  const table: Cell[][] = rows.map((row) => [
    row.name,
    row.dagc.invocations,
    row.powerTuning.invocations,
    ratio(row.dagc.invocations / row.powerTuning.invocations),
    ratio(row.dagc.billedGbSeconds / row.powerTuning.billedGbSeconds),
    pct(mean(row.dagcErrors)),
    pct(mean(row.powerTuningErrors)),
    ratio(mean(row.dagcErrors) / mean(row.powerTuningErrors)),
    pct(Math.max(...row.dagcErrors)),
    pct(Math.max(...row.powerTuningErrors)),
    pct(mean(row.dagcSteadyOnlyErrors)),
    pct(mean(row.powerTuningSteadyOnlyErrors)),
    ratio(mean(row.dagcSteadyOnlyErrors) / mean(row.powerTuningSteadyOnlyErrors)),
    row.dagc.measuredMb.join(','),
    row.evaluatedMb.join(','),
  ]);
  const allDagc = rows.flatMap((row) => row.dagcErrors);
  const allPowerTuning = rows.flatMap((row) => row.powerTuningErrors);
  const allDagcSteady = rows.flatMap((row) => row.dagcSteadyOnlyErrors);
  const allPowerTuningSteady = rows.flatMap((row) => row.powerTuningSteadyOnlyErrors);
  const dagcInvocations = rows.reduce((sum, row) => sum + row.dagc.invocations, 0);
  const powerTuningInvocations = rows.reduce((sum, row) => sum + row.powerTuning.invocations, 0);
  table.push([
    'all',
    dagcInvocations,
    powerTuningInvocations,
    ratio(dagcInvocations / powerTuningInvocations),
    ratio(rows.reduce((s, r) => s + r.dagc.billedGbSeconds, 0) / rows.reduce((s, r) => s + r.powerTuning.billedGbSeconds, 0)),
    pct(mean(allDagc)),
    pct(mean(allPowerTuning)),
    ratio(mean(allDagc) / mean(allPowerTuning)),
    pct(Math.max(...allDagc)),
    pct(Math.max(...allPowerTuning)),
    pct(mean(allDagcSteady)),
    pct(mean(allPowerTuningSteady)),
    ratio(mean(allDagcSteady) / mean(allPowerTuningSteady)),
    '',
    '',
  ]);
  const invocationsMet = dagcInvocations * 2 <= powerTuningInvocations;
  const errorMet = mean(allDagc) <= mean(allPowerTuning);
  return [
    '## profiler: adaptive sampling vs Power Tuning\'s fixed grid (emulator, real fixture handlers)',
    `p95 error = |predicted / measured − 1| at held-out sizes; dense truth = empirical p95 of ${DENSE_WARM_SAMPLES} warm invocations after 1 cold and ${WARMUP_INVOCATIONS} warm-up; Power Tuning = ${POWER_TUNING_GRID.join('/')} MB × ${POWER_TUNING_INVOCATIONS}.`,
    `host load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${functions.length} functions, ${((Date.now() - started) / 60000).toFixed(1)} min`,
    formatTable(
      ['function', 'dagc inv', 'PT inv', 'inv ratio', 'GB-s ratio', 'dagc p95 err', 'PT p95 err', 'err ratio', 'dagc max', 'PT max', 'dagc steady-only err', 'PT steady-only err', 'steady-only ratio', 'dagc sizes (MB)', 'held-out sizes (MB)'],
      table,
    ),
    `target: invocations ≤ 0.5 × Power Tuning's — ${invocationsMet ? 'met' : 'NOT met'}; mean p95 error ≤ Power Tuning's — ${errorMet ? 'met' : 'NOT met'}`,
    "steady-only: the same samples and predictor with the warm-up samples dropped (the predictor before it used them), for comparison within one run.",
    ...(process.env.BENCH_PROFILER_DETAIL ? ['', 'per held-out size:', ...rows.flatMap((row) => row.detail)] : []),
    '',
    synthetic,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await profilerBench());
