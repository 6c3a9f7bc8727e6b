// The platform's own latencies (src/model/calibration.ts) as the sampling loop
// draws them: for one calibration and one workflow type, nineteen tables of
// DISPATCH_TABLE_SIZE equally likely values — the distribution's quantiles at
// the midpoints (k + ½)/N — one after another in one Float64Array: Task
// dispatch warm and cold (pooled), Map item stagger warm and cold, Parallel
// branch stagger warm and cold, then the Task dispatch of each DispatchKind
// warm and cold (a kind the calibration lacks: the pooled one), and the cold
// Task dispatch outside a cold wave, pooled then per kind (the calibration's
// isolatedColdTaskDispatch for all five when it has one, else each one's cold
// value, as before it existed). A draw is a uniform index into a table (as the
// measured Init durations are drawn), so the hot loop pays no log or exp per
// draw and allocates nothing; the tables are built once per calibration and
// workflow type and reused by every estimate.
// Accuracy: 256 midpoints carry a shifted lognormal's quantiles up to 0.998;
// the mean of the table is the distribution's within 0.5 % for σ ≤ 1.
import { DEFAULT_CALIBRATION, DISPATCH_KINDS, latencyQuantileMs, type DispatchKind, type LatencyDistribution, type OrchestrationType, type PlatformCalibration } from '../model/calibration.ts';

export const DISPATCH_TABLE_SIZE = 256;
/** Offsets (in tables) of the six tables inside a dispatch array. */
export const TASK_WARM = 0;
export const TASK_COLD = 1;
export const MAP_WARM = 2;
export const MAP_COLD = 3;
export const BRANCH_WARM = 4;
export const BRANCH_COLD = 5;
/** The warm table of each DispatchKind (its cold one follows it), in DISPATCH_KINDS order. */
const KIND_WARM_FIRST = 6;
/** The cold Task dispatch outside a cold wave: the pooled one's table, the kinds' after it. */
const ISOLATED_FIRST = KIND_WARM_FIRST + 2 * DISPATCH_KINDS.length;

/** The tables a dispatch of `kind` draws from (warm, cold in a wave, cold alone); undefined: the pooled Task dispatch. */
export function dispatchKindTables(kind: DispatchKind | undefined): { warm: number; cold: number; isolatedCold: number } {
  if (kind === undefined) return { warm: TASK_WARM, cold: TASK_COLD, isolatedCold: ISOLATED_FIRST };
  const k = DISPATCH_KINDS.indexOf(kind);
  const warm = KIND_WARM_FIRST + 2 * k;
  return { warm, cold: warm + 1, isolatedCold: ISOLATED_FIRST + 1 + k };
}

const cache = new WeakMap<PlatformCalibration, Partial<Record<OrchestrationType, Float64Array>>>();

/** The tables of a calibration for one workflow type (cached per calibration object). */
export function dispatchTables(calibration: PlatformCalibration = DEFAULT_CALIBRATION, orchestration: OrchestrationType): Float64Array {
  let byType = cache.get(calibration);
  if (!byType) cache.set(calibration, (byType = {}));
  const cached = byType[orchestration];
  if (cached) return cached;
  const o = calibration.orchestration;
  const parts: LatencyDistribution[] = [
    o.taskDispatch[orchestration].warm,
    o.taskDispatch[orchestration].cold,
    o.mapIterationStart[orchestration],
    o.coldMapIterationStart?.[orchestration] ?? o.mapIterationStart[orchestration],
    o.parallelBranchStart[orchestration],
    o.coldParallelBranchStart?.[orchestration] ?? o.parallelBranchStart[orchestration],
  ];
  for (const kind of DISPATCH_KINDS) {
    const byKind = o.dispatchByKind?.[kind]?.[orchestration];
    parts.push(byKind?.warm ?? o.taskDispatch[orchestration].warm, byKind?.cold ?? o.taskDispatch[orchestration].cold);
  }
  const isolated = o.isolatedColdTaskDispatch?.[orchestration];
  parts.push(isolated ?? o.taskDispatch[orchestration].cold);
  for (const kind of DISPATCH_KINDS) parts.push(isolated ?? o.dispatchByKind?.[kind]?.[orchestration]?.cold ?? o.taskDispatch[orchestration].cold);
  const tables = new Float64Array(parts.length * DISPATCH_TABLE_SIZE);
  parts.forEach((part, t) => {
    for (let k = 0; k < DISPATCH_TABLE_SIZE; k += 1) tables[t * DISPATCH_TABLE_SIZE + k] = latencyQuantileMs(part, (k + 0.5) / DISPATCH_TABLE_SIZE);
  });
  byType[orchestration] = tables;
  return tables;
}

/** One draw from table `table` at uniform u ∈ [0, 1). */
export function drawDispatchMs(tables: Float64Array, table: number, u: number): number {
  return tables[table * DISPATCH_TABLE_SIZE + Math.min(DISPATCH_TABLE_SIZE - 1, (u * DISPATCH_TABLE_SIZE) | 0)]!;
}
