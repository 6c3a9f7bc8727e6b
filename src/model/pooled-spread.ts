// The spread of a function's warm durations around their size's level, pooled
// over every size and counting every level and warm-up slowdown it had to
// estimate: the σ of the predictor's lognormal tail where a size has too few
// samples of its own and the pooled ratios are too few to place a 0.95
// quantile (duration-model.ts).
//
// Why not the pooled ratios' own spread: each ratio is taken to a level
// computed from the same two or five samples, and each warm-up sample is
// corrected by a slowdown estimated from the same handful of sizes, so the
// ratios sit closer together than the durations do. On synthetic lognormal
// functions profiled by dagc's default plan their log spread came out 0.84σ,
// and the 0.95 quantile of ~21 of them (the 20th) 0.72 × 1.645σ: a p95 4.5 %
// low at σ 0.1. This estimate is the residual spread of the two-way model
//   log duration = level(size) + slowdown(position after the cold start)
// (steady samples have slowdown 0) fitted by least squares, its sum of squares
// divided by the samples less the levels and slowdowns estimated: 0.99σ on the
// same profiles. A warm-up residual is scaled back to the steady spread first,
// by the same factor as its ratio (σ / √(σ² + τ²), warmup-evidence.ts): on the
// emulator a function's warm-up slowdown differs from size to size
// (ml-pipeline/train: none at 128 and 448 MB, 1.5× at 1,769 MB), and that
// spread is not the durations'.
import type { MemoryMeasurement } from './profile-types.ts';
import { samplesByPosition, warmupCorrections } from './warmup-evidence.ts';

/** Sweeps of alternating means; the additive model converges in a few, this only bounds a pathological profile. */
const MAX_SWEEPS = 200;
const CONVERGED = 1e-12;

/**
 * The pooled log spread σ̂, or undefined when the samples leave no degree of
 * freedom. Warm-up samples count only at sizes where their positions are
 * known (warmup-evidence.ts); elsewhere only the steady samples do.
 */
export function pooledLogSpread(measurements: readonly MemoryMeasurement[]): number | undefined {
  const sizeOf: number[] = [];
  const positionOf: number[] = []; // 0 = steady, k = k-th warm-up call after the cold start
  const logs: number[] = [];
  let sizes = 0;
  let positions = 0;
  const add = (size: number, position: number, ms: number) => {
    sizeOf.push(size);
    positionOf.push(position);
    logs.push(Math.log(ms));
  };
  for (const m of measurements) {
    const { warmupMs, steadyMs } = samplesByPosition(m);
    const steady = steadyMs.filter((ms) => ms > 0);
    if (steady.length === 0) continue;
    for (const ms of steady) add(sizes, 0, ms);
    warmupMs.forEach((ms, k) => {
      if (!(ms > 0)) return;
      add(sizes, k + 1, ms);
      positions = Math.max(positions, k + 1);
    });
    sizes += 1;
  }
  const level = new Float64Array(sizes);
  const slowdown = new Float64Array(positions + 1); // slowdown[0] stays 0
  const sums = new Float64Array(Math.max(sizes, positions + 1));
  const counts = new Float64Array(sums.length);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep += 1) {
    meanOfResiduals(sizeOf, (i) => logs[i]! - slowdown[positionOf[i]!]!, sums, counts, sizes);
    for (let s = 0; s < sizes; s += 1) level[s] = sums[s]! / counts[s]!;
    if (positions === 0) break;
    meanOfResiduals(positionOf, (i) => logs[i]! - level[sizeOf[i]!]!, sums, counts, positions + 1);
    let change = 0;
    for (let p = 1; p <= positions; p += 1) {
      const next = counts[p]! > 0 ? sums[p]! / counts[p]! : 0;
      change = Math.max(change, Math.abs(next - slowdown[p]!));
      slowdown[p] = next;
    }
    if (change < CONVERGED) break;
  }
  // A warm-up sample's residual is scaled back to the steady spread, as its ratio is (warmup-evidence.ts): where the
  // slowdown differs from size to size, its residuals carry that spread too, and it is not the duration's.
  const scale = positions > 0 ? warmupCorrections(measurements).map((c) => c.spreadScale) : [];
  let squares = 0;
  for (let i = 0; i < logs.length; i += 1) {
    const p = positionOf[i]!;
    squares += ((logs[i]! - level[sizeOf[i]!]! - slowdown[p]!) * (p === 0 ? 1 : (scale[p - 1] ?? 1))) ** 2;
  }
  let estimated = sizes;
  for (let p = 1; p <= positions; p += 1) if (positionOf.includes(p)) estimated += 1;
  const df = logs.length - estimated;
  return df > 0 ? Math.sqrt(squares / df) : undefined;
}

/** sums[g] / counts[g] is then the mean of residual(i) over the samples i in group g. */
function meanOfResiduals(groupOf: readonly number[], residual: (i: number) => number, sums: Float64Array, counts: Float64Array, groups: number): void {
  sums.fill(0, 0, groups);
  counts.fill(0, 0, groups);
  for (let i = 0; i < groupOf.length; i += 1) {
    const group = groupOf[i]!;
    sums[group] = sums[group]! + residual(i);
    counts[group] = counts[group]! + 1;
  }
}
