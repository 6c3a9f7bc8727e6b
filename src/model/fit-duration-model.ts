// Fits the amdahl-lognormal duration model (profile-types.ts) to what was
// measured: median(m) = serialMs + parallelMs / min(vcpu(m), maxUsefulVcpu).
// For each candidate maxUsefulVcpu the model is linear in (serial, parallel),
// so it is solved by least squares on relative error (each size counts the
// same, whatever its duration), clamped to non-negative; the candidate with
// the smallest mean absolute percentage error wins, the smallest such
// candidate on a tie (no speed-up is extrapolated beyond what was measured).
// Candidates: every 0.05 vCPU up to Lambda's 6, plus the measured sizes' own
// shares (where a plateau most often starts). A size's median is its
// measured median, or, where the profile has warm-up samples with known
// positions, its level with those samples corrected and counted
// (warmup-evidence.ts, the same level the predictor uses). sigma is the spread of
// log(duration / fitted median) over every warm sample; initMs the median of
// measured init durations. O(candidates × sizes + samples).
import type { FittedDurationModel, MemoryMeasurement } from './profile-types.ts';
import { vcpuForMemory } from './platform.ts';
import { steadyEvidence } from './warmup-evidence.ts';
import { sortAscending } from './sort-ascending.ts';

const CANDIDATE_STEP_VCPU = 0.05;

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = sortAscending([...values]);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function amdahlMedianMs(model: Pick<FittedDurationModel, 'serialMs' | 'parallelMs' | 'maxUsefulVcpu'>, memoryMb: number): number {
  return model.serialMs + model.parallelMs / Math.min(vcpuForMemory(memoryMb), model.maxUsefulVcpu);
}

export function fitDurationModel(measurements: readonly MemoryMeasurement[]): FittedDurationModel | undefined {
  const evidence = steadyEvidence(measurements);
  const points = measurements
    .map((m, i) => ({
      memoryMb: m.memoryMb,
      medianMs: evidence && m.warmDurationsMs.length > 0 ? evidence[i]!.centerMs : median(m.warmDurationsMs.length > 0 ? m.warmDurationsMs : m.coldDurationsMs),
    }))
    .filter((p) => Number.isFinite(p.medianMs) && p.medianMs > 0);
  if (points.length === 0) return undefined;
  let best: { serialMs: number; parallelMs: number; maxUsefulVcpu: number; errorPct: number } | undefined;
  for (const k of usefulVcpuCandidates(points.map((p) => p.memoryMb))) {
    const fit = solve(points, k);
    if (!best || fit.errorPct < best.errorPct - 1e-9) best = { ...fit, maxUsefulVcpu: k };
  }
  const residuals: number[] = [];
  for (const m of measurements) {
    const fitted = amdahlMedianMs(best!, m.memoryMb);
    for (const d of m.warmDurationsMs) if (d > 0 && fitted > 0) residuals.push(Math.log(d / fitted));
  }
  const mean = residuals.reduce((a, b) => a + b, 0) / Math.max(residuals.length, 1);
  const sigma = residuals.length > 1 ? Math.sqrt(residuals.reduce((a, r) => a + (r - mean) ** 2, 0) / (residuals.length - 1)) : 0;
  const inits = measurements.flatMap((m) => m.initDurationsMs);
  return {
    kind: 'amdahl-lognormal',
    serialMs: best!.serialMs,
    parallelMs: best!.parallelMs,
    maxUsefulVcpu: best!.maxUsefulVcpu,
    sigma,
    initMs: inits.length > 0 ? median(inits) : 0,
    fitErrorPct: best!.errorPct,
  };
}

function usefulVcpuCandidates(measuredMb: readonly number[]): number[] {
  const maxVcpu = vcpuForMemory(Number.MAX_SAFE_INTEGER);
  const grid: number[] = [];
  for (let i = 1; i * CANDIDATE_STEP_VCPU <= maxVcpu + 1e-9; i += 1) grid.push(Math.round(i * CANDIDATE_STEP_VCPU * 100) / 100);
  const measured = measuredMb.map((mb) => Math.round(vcpuForMemory(mb) * 1e6) / 1e6);
  return [...new Set([...grid, ...measured])].sort((a, b) => a - b);
}

/** Weighted least squares of y = s + p·x with weights 1/y² (relative error), s, p ≥ 0. */
function solve(points: ReadonlyArray<{ memoryMb: number; medianMs: number }>, maxUsefulVcpu: number) {
  const rows = points.map((p) => ({ x: 1 / Math.min(vcpuForMemory(p.memoryMb), maxUsefulVcpu), y: p.medianMs, w: 1 / (p.medianMs * p.medianMs) }));
  let sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const { x, y, w } of rows) {
    sw += w; sx += w * x; sy += w * y; sxx += w * x * x; sxy += w * x * y;
  }
  const det = sw * sxx - sx * sx;
  let serialMs: number;
  let parallelMs: number;
  // Relative test: the 1/y² weights make every sum tiny for slow functions.
  if (Math.abs(det) <= 1e-12 * sw * sxx) {
    // One distinct x (e.g. every size above the useful vCPUs): all of it is "serial".
    serialMs = sy / sw;
    parallelMs = 0;
  } else {
    parallelMs = (sw * sxy - sx * sy) / det;
    serialMs = (sy - parallelMs * sx) / sw;
    if (parallelMs < 0) [serialMs, parallelMs] = [sy / sw, 0];
    if (serialMs < 0) [serialMs, parallelMs] = [0, sxy / sxx];
  }
  const errorPct = (100 * rows.reduce((a, r) => a + Math.abs(serialMs + parallelMs * r.x - r.y) / r.y, 0)) / rows.length;
  return { serialMs, parallelMs, errorPct };
}
