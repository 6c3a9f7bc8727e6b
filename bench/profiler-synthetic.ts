// The profiler bench's second table: the same comparison as bench/profiler.ts
// (dagc's adaptive plan vs Power Tuning's fixed grid, p95 error at held-out
// sizes) on SYNTHETIC functions whose truth is known exactly — an Amdahl
// median over Lambda's vCPU share times lognormal noise, the first call after
// a configuration change cold. Everything but the Lambda is real: the
// sampling plan, the fit and the predictor the estimator uses. It separates
// the sampling design from the emulator's host noise, and shows how both
// methods fare as noise grows and as code gets multi-threaded. Seeded.
import { durationModel } from '../src/model/duration-model.ts';
import type { FunctionProfile } from '../src/model/profile-types.ts';
import { vcpuForMemory } from '../src/model/platform.ts';
import { WARMUP_INVOCATIONS } from '../src/profiler/measurements.ts';
import { profileFromSamples } from '../src/profiler/profile-app.ts';
import { lambdaMemoryBounds, withFittedModels } from '../src/profiler/profile-files.ts';
import type { ReportRecord } from '../src/profiler/report-line.ts';
import { DEFAULT_SAMPLING, nextStep, type ProfileEvent, type SamplingOptions } from '../src/profiler/sampling-plan.ts';
import { seededRandom } from '../src/profiler/seeded-random.ts';
import { formatTable, ratio, type Cell } from './table.ts';

interface SyntheticFunction {
  label: string;
  serialMs: number;
  parallelMs: number;
  threads: number;
  sigma: number;
  /** Below one vCPU the parallel part scales as 1 / vcpu^steepness; 1 (Amdahl) by default. */
  steepness?: number;
  /** Log spread of a size's warm-up slowdown around the function's: each cold start's warm-up calls run exp(τ · one normal) slower or faster than WARMUP_SLOWDOWN; 0 by default. */
  warmupTau?: number;
}

const EVALUATION_SIZES = [192, 384, 640, 896, 1280, 1769, 2304, 3584, 5120];
const Z_P95 = 1.6448536269514722;
const SEEDS = 20;
const COLD_SLOWDOWN = 1.5;
/**
 * How much slower the 1st to 4th warm invocation after a cold start runs than
 * the steady state: the medians seen in the fixtures' emulator profiles
 * (measurements.ts), so that the warm-up rule is exercised here too. The
 * fourth is still a little slow, past the rule's warm-up, as on the emulator.
 * The truth is the steady state.
 */
const WARMUP_SLOWDOWN = [1.5, 1.2, 1.13, 1.05];

/**
 * Power Tuning's sampling: its default power values, 10 invocations each (1
 * cold, then 9 warm, of which the first WARMUP_INVOCATIONS count as warm-up
 * under the same rule as dagc's).
 */
export const POWER_TUNING_SAMPLING: Partial<SamplingOptions> = { grid: [128, 256, 512, 1024, 1536, 3008], fixedWarmCount: 9 - WARMUP_INVOCATIONS };

/**
 * The profile with its warm-up samples dropped: what the predictor read before
 * it used them (src/model/warmup-evidence.ts). Both tables print the error of
 * this "steady-only" prediction beside the real one, from the same samples.
 */
export function withoutWarmup(profile: FunctionProfile): FunctionProfile {
  const architectures: FunctionProfile['architectures'] = {};
  for (const [architecture, entry] of Object.entries(profile.architectures) as Array<[keyof FunctionProfile['architectures'], NonNullable<FunctionProfile['architectures'][keyof FunctionProfile['architectures']]>]>) {
    architectures[architecture] = { measurements: entry.measurements.map(({ warmupDurationsMs: _dropped, ...rest }) => rest) };
  }
  return { ...profile, architectures };
}

function trueMedianMs(fn: SyntheticFunction, memoryMb: number): number {
  const vcpu = Math.min(vcpuForMemory(memoryMb), fn.threads);
  return fn.serialMs + fn.parallelMs / (vcpu < 1 ? vcpu ** (fn.steepness ?? 1) : vcpu);
}

/** Runs one profiling plan against the synthetic function; returns invocations and mean p95 error at held-out sizes. */
function profileOnce(fn: SyntheticFunction, sampling: Partial<SamplingOptions>, seed: number): { invocations: number; meanError: number; steadyOnlyError: number } {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const bounds = lambdaMemoryBounds();
  const options: SamplingOptions = { ...DEFAULT_SAMPLING, platformMinMemoryMb: bounds.minMemoryMb, platformMaxMemoryMb: bounds.maxMemoryMb, currentMemoryMb: 1024, ...sampling };
  const events: ProfileEvent[] = [];
  let configuredMb = options.currentMemoryMb;
  let first = true;
  let warmSinceCold = 0;
  let sizeWarmupFactor = 1;
  for (;;) {
    const step = nextStep(events, options);
    if (step.kind === 'done') break;
    const cold = first || step.memoryMb !== configuredMb;
    first = false;
    configuredMb = step.memoryMb;
    warmSinceCold = cold ? 0 : warmSinceCold + 1;
    if (cold) sizeWarmupFactor = fn.warmupTau ? Math.exp(fn.warmupTau * normal()) : 1;
    const slowdown = cold ? COLD_SLOWDOWN : warmSinceCold <= WARMUP_SLOWDOWN.length ? WARMUP_SLOWDOWN[warmSinceCold - 1]! * sizeWarmupFactor : 1;
    const durationMs = trueMedianMs(fn, step.memoryMb) * Math.exp(fn.sigma * normal()) * slowdown;
    const report: ReportRecord = { durationMs, billedDurationMs: Math.ceil(durationMs), memorySizeMb: step.memoryMb, maxMemoryUsedMb: 80, status: 'success' };
    if (cold) report.initDurationMs = 200;
    events.push({ kind: 'sample', memoryMb: step.memoryMb, report });
  }
  const reports = events.flatMap((event) => (event.kind === 'sample' ? [event.report] : []));
  const raw = profileFromSamples('synthetic', 'x86_64', reports, { kind: 'emulator', description: 'synthetic' });
  const measured = new Set(reports.map((report) => report.memorySizeMb));
  const meanErrorOf = (profile: FunctionProfile) => {
    const model = durationModel(withFittedModels(profile), 'x86_64')!;
    const errors = EVALUATION_SIZES.filter((size) => !measured.has(size)).map(
      (size) => Math.abs(model.quantile(size, 0.95) / (trueMedianMs(fn, size) * Math.exp(Z_P95 * fn.sigma)) - 1),
    );
    return errors.reduce((a, b) => a + b, 0) / errors.length;
  };
  return { invocations: reports.length, meanError: meanErrorOf(raw), steadyOnlyError: meanErrorOf(withoutWarmup(raw)) };
}

function functions(): SyntheticFunction[] {
  const list: SyntheticFunction[] = [];
  for (const sigma of [0.05, 0.1, 0.2]) {
    list.push({ label: `1 thread, σ ${sigma}`, serialMs: 20, parallelMs: 400, threads: 1, sigma });
    list.push({ label: `4 threads, σ ${sigma}`, serialMs: 50, parallelMs: 400, threads: 4, sigma });
  }
  return list;
}

/**
 * Functions that break an assumption of the model, printed below the `all` row
 * and not in it (so `all` stays comparable from run to run): steeper than
 * Amdahl below one vCPU, as the emulator's small sizes are (about 1 / vcpu^1.2,
 * docs/profiler.md), where the plan puts its refinement decides the error
 * between 448 and 1,769 MB; and a warm-up slowdown that differs from size to
 * size (tree-reduction/leaf on the emulator: 1.5x at its 3rd call at 448 MB,
 * none at 128 or 1,769), which warm-up evidence counted at full weight gets wrong.
 */
function offModelFunctions(): SyntheticFunction[] {
  return [
    ...[0.05, 0.1].map((sigma) => ({ label: `1 thread, 1/vCPU^1.2, σ ${sigma}`, serialMs: 20, parallelMs: 400, threads: 1, sigma, steepness: 1.2 })),
    { label: '1 thread, warm-up τ 0.2, σ 0.1', serialMs: 20, parallelMs: 400, threads: 1, sigma: 0.1, warmupTau: 0.2 },
  ];
}

type Sums = { dagcInvocations: number; dagcError: number; ptInvocations: number; ptError: number; dagcSteadyOnly: number; ptSteadyOnly: number };

function pct(sum: number, runs: number): string {
  return `${((100 * sum) / runs).toFixed(1)}%`;
}

/** One table row: invocations averaged over the seeds, errors over `errorRuns` profiles. */
function tableRow(label: string, sums: Sums, errorRuns: number): Cell[] {
  return [
    label,
    (sums.dagcInvocations / SEEDS).toFixed(1),
    (sums.ptInvocations / SEEDS).toFixed(0),
    ratio(sums.dagcInvocations / sums.ptInvocations),
    pct(sums.dagcError, errorRuns),
    pct(sums.ptError, errorRuns),
    ratio(sums.dagcError / sums.ptError),
    pct(sums.dagcSteadyOnly, errorRuns),
    pct(sums.ptSteadyOnly, errorRuns),
    ratio(sums.dagcSteadyOnly / sums.ptSteadyOnly),
  ];
}

export function syntheticProfilerBench(): string {
  // The same override as the emulator table's (BENCH_PROFILER_SAMPLING), so a setting is judged on both.
  const dagcSampling = JSON.parse(process.env.BENCH_PROFILER_SAMPLING ?? '{}') as Partial<SamplingOptions>;
  const rows: Cell[][] = [];
  const totals: Sums = { dagcInvocations: 0, dagcError: 0, ptInvocations: 0, ptError: 0, dagcSteadyOnly: 0, ptSteadyOnly: 0 };
  const sumsOf = (fn: SyntheticFunction): Sums => {
    const sums: Sums = { dagcInvocations: 0, dagcError: 0, ptInvocations: 0, ptError: 0, dagcSteadyOnly: 0, ptSteadyOnly: 0 };
    for (let seed = 1; seed <= SEEDS; seed += 1) {
      const dagc = profileOnce(fn, dagcSampling, seed);
      const pt = profileOnce(fn, POWER_TUNING_SAMPLING, 1000 + seed);
      sums.dagcInvocations += dagc.invocations;
      sums.dagcError += dagc.meanError;
      sums.dagcSteadyOnly += dagc.steadyOnlyError;
      sums.ptInvocations += pt.invocations;
      sums.ptError += pt.meanError;
      sums.ptSteadyOnly += pt.steadyOnlyError;
    }
    return sums;
  };
  for (const fn of functions()) {
    const sums = sumsOf(fn);
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += sums[key];
    rows.push(tableRow(fn.label, sums, SEEDS));
  }
  // Totals: invocations summed, error the mean over every function and seed.
  const runs = SEEDS * functions().length;
  rows.push(tableRow('all', totals, runs));
  for (const fn of offModelFunctions()) rows.push(tableRow(`${fn.label} (not in all)`, sumsOf(fn), SEEDS));
  return [
    `## profiler, synthetic functions with known truth (Amdahl median × lognormal noise; real plan, fit and predictor; mean of ${SEEDS} seeds)`,
    formatTable(['function', 'dagc inv', 'PT inv', 'inv ratio', 'dagc p95 err', 'PT p95 err', 'err ratio', 'dagc steady-only', 'PT steady-only', 'steady-only ratio'], rows),
  ].join('\n');
}
