// A function's duration and cost over memory, as the report draws them: what
// was measured (every steady warm sample, and each size's median), the fitted
// amdahl-lognormal curve (fit-duration-model.ts: the profile's own model, or
// fitted now when the profile carries none), the predicted median the
// estimator uses (duration-model.ts: the measurements where measured, the
// fit's shape between them), and the plan's chosen size and today's.
// Cost is one invocation at the median duration — compute at the region's
// list price for the architecture plus the request price — per million
// invocations, so the curve shows where more memory stops paying for itself.
// At most MAX_SAMPLES_PER_SIZE warm samples per size are drawn (evenly by rank).
// The memory grid is geometric over the function's allowed range, starting at
// its footprint (below it the function does not run), plus every measured size.
import type { Plan } from '../codegen/plan.ts';
import type { Architecture, FunctionInfo } from '../ir/types.ts';
import { durationModel } from '../model/duration-model.ts';
import { amdahlMedianMs, fitDurationModel, median } from '../model/fit-duration-model.ts';
import { invocationComputeUsd, LAMBDA_LIMITS, pricesFor, type RegionPrices } from '../model/platform.ts';
import type { FunctionProfile } from '../model/profile-types.ts';

const GRID_POINTS = 48;
/** Warm samples drawn per measured size: more adds bytes, not information (SeBS CSV imports carry hundreds). */
export const MAX_SAMPLES_PER_SIZE = 60;
const PER_MILLION = 1_000_000;

export interface CurvePoint {
  memoryMb: number;
  architecture: Architecture;
  durationMs: number;
  costPerMillionUsd: number;
}

export interface FunctionCurves {
  function: string;
  /** Warm samples, one point each. */
  samples: CurvePoint[];
  /** Each measured size's median warm duration. */
  measuredMedians: CurvePoint[];
  /** Lines over the grid: `curve` says which. */
  curves: Array<CurvePoint & { curve: 'fitted' | 'predicted' }>;
  /** The plan's chosen size and today's (absent for an architecture the profile lacks). */
  marks: Array<CurvePoint & { plan: 'chosen' | 'today' }>;
  memoryRangeMb: [number, number];
  /** Per architecture drawn: the fit's numbers, for the caption. */
  fits: Array<{ architecture: Architecture; serialMs: number; parallelMs: number; maxUsefulVcpu: number; fitErrorPct: number; footprintMb: number }>;
  /** Set when the function runs as an AWS Batch job: the Lambda curves are then for reference only. */
  batch?: string;
}

export function functionCurves(name: string, profile: FunctionProfile, info: FunctionInfo | undefined, plan: Plan): FunctionCurves {
  const prices = pricesFor(plan.region);
  const chosen = plan.functions[name];
  const loMb = Math.max(LAMBDA_LIMITS.minMemoryMb, info?.minMemoryMb ?? LAMBDA_LIMITS.minMemoryMb);
  const hiMb = Math.min(LAMBDA_LIMITS.maxMemoryMb, info?.maxMemoryMb ?? LAMBDA_LIMITS.maxMemoryMb);
  const result: FunctionCurves = { function: name, samples: [], measuredMedians: [], curves: [], marks: [], memoryRangeMb: [loMb, hiMb], fits: [] };
  if (chosen?.batch) result.batch = `${chosen.batch.instanceType} (${chosen.batch.vcpus} vCPU, ${chosen.batch.gpus} GPU)`;
  const point = (architecture: Architecture, memoryMb: number, durationMs: number): CurvePoint => ({
    memoryMb,
    architecture,
    durationMs,
    costPerMillionUsd: invocationCostUsd(memoryMb, durationMs, architecture, prices) * PER_MILLION,
  });
  for (const architecture of (Object.keys(profile.architectures) as Architecture[]).sort()) {
    const arch = profile.architectures[architecture]!;
    const fit = arch.model ?? fitDurationModel(arch.measurements);
    const model = durationModel(profile, architecture);
    if (!fit || !model) continue;
    const footprintMb = model.footprintMb;
    result.fits.push({ architecture, serialMs: fit.serialMs, parallelMs: fit.parallelMs, maxUsefulVcpu: fit.maxUsefulVcpu, fitErrorPct: fit.fitErrorPct, footprintMb });
    for (const m of arch.measurements) {
      for (const durationMs of evenlyChosen(m.warmDurationsMs, MAX_SAMPLES_PER_SIZE)) result.samples.push(point(architecture, m.memoryMb, durationMs));
      if (m.warmDurationsMs.length > 0) result.measuredMedians.push(point(architecture, m.memoryMb, median(m.warmDurationsMs)));
    }
    const measuredMb = arch.measurements.map((m) => m.memoryMb);
    for (const memoryMb of memoryGrid(Math.max(loMb, Math.ceil(footprintMb)), hiMb, measuredMb)) {
      result.curves.push({ ...point(architecture, memoryMb, amdahlMedianMs(fit, memoryMb)), curve: 'fitted' });
      result.curves.push({ ...point(architecture, memoryMb, model.medianMs(memoryMb)), curve: 'predicted' });
    }
    if (chosen && chosen.todayArchitecture === architecture) result.marks.push({ ...point(architecture, chosen.todayMemoryMb, model.medianMs(chosen.todayMemoryMb)), plan: 'today' });
    if (chosen && chosen.architecture === architecture) result.marks.push({ ...point(architecture, chosen.memoryMb, model.medianMs(chosen.memoryMb)), plan: 'chosen' });
  }
  // Today's first, so the chosen mark is drawn over it where the plan keeps today's size.
  result.marks.sort((a, b) => (a.plan === b.plan ? 0 : a.plan === 'today' ? -1 : 1));
  const all = [...result.samples, ...result.curves, ...result.marks].map((p) => p.memoryMb);
  if (all.length > 0) result.memoryRangeMb = [Math.min(loMb, ...all), Math.max(hiMb, ...all)];
  return result;
}

/** GRID_POINTS sizes spaced evenly in log(memory) from lo to hi, whole MB, with the measured sizes in range added. */
export function memoryGrid(loMb: number, hiMb: number, measuredMb: readonly number[]): number[] {
  if (hiMb <= loMb) return [loMb];
  const sizes = new Set<number>();
  for (let i = 0; i < GRID_POINTS; i += 1) sizes.add(Math.round(loMb * (hiMb / loMb) ** (i / (GRID_POINTS - 1))));
  for (const mb of measuredMb) if (mb >= loMb && mb <= hiMb) sizes.add(mb);
  return [...sizes].sort((a, b) => a - b);
}

/** At most n of the values, sorted, evenly spaced by rank from the smallest to the largest: the distribution's shape, fewer points. */
export function evenlyChosen(values: readonly number[], n: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length <= n) return sorted;
  return Array.from({ length: n }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (n - 1))]!);
}

function invocationCostUsd(memoryMb: number, durationMs: number, architecture: Architecture, prices: RegionPrices): number {
  return invocationComputeUsd(memoryMb, durationMs, architecture, prices) + prices.lambdaRequestUsd;
}
