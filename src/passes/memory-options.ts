// The configurations dagc may choose for one function: memory sizes from a
// grid × the architectures both the spec allows and the profile measured.
// Every strategy (dagc's own and every baseline) draws from this one list, so
// they are compared over the same choices.
//
// Why this grid: Lambda grants CPU in proportion to memory, one full vCPU per
// 1769 MB (up to 6). A CPU-bound function's duration is piecewise in the
// vCPU share: its multi-threaded part speeds up at each whole vCPU, so the
// cost-optimal size often sits exactly at a boundary (1769, 3538, 5307, 7076,
// 8845 MB) rather than at a round number. The grid therefore holds those
// boundaries, the round sizes people deploy with today (128 … 10240, incl.
// 3008, Lambda's long-time maximum that many configurations still carry) and
// the small sizes where memory-bound and I/O-bound functions are cheapest.
//
// Assumes: a profile's `maxMemoryUsedMb` is the footprint at that size; an
// out-of-memory run reports a maxMemoryUsed at or above its size, which then
// rules that size out through the headroom below. Without a profile a function
// keeps only today's architecture (there is no evidence it runs on the other).
// The user may narrow or replace the grid (app.yaml `memoryGrid`,
// `--memory-grid`; see candidateConfigurations).
// Complexity: O(grid × architectures × measurements).
import type { Architecture, FunctionInfo, MemoryGrid } from '../ir/types.ts';
import { measuredSizesMb } from '../model/measured-sizes.ts';
import type { ArchitectureProfile, FunctionProfile } from '../model/profile-types.ts';
import type { ConfigurationOption } from './strategy.ts';

export const DEFAULT_MEMORY_GRID_MB: readonly number[] = [
  128, 256, 512, 768, 1024, 1536, 1769, 2048, 3008, 3538, 4096, 5307, 6144, 7076, 8192, 8845, 10240,
];

/**
 * Headroom over the footprint a size must leave: a run near its limit risks
 * out-of-memory on a slightly larger input, and the garbage collectors of
 * Node and Python slow down sharply close to it. 10 %, at least 16 MB.
 */
export const FOOTPRINT_HEADROOM_FRACTION = 0.1;
export const FOOTPRINT_HEADROOM_MIN_MB = 16;

export interface CandidateOptions {
  /** Memory sizes to consider instead of DEFAULT_MEMORY_GRID_MB. */
  gridMb?: readonly number[];
}

/**
 * The largest `maxMemoryUsedMb` seen in the profile, for one architecture or
 * (without one) across all; 0 when nothing was measured.
 */
export function footprintMb(profile: FunctionProfile | undefined, architecture?: Architecture): number {
  if (!profile) return 0;
  const archs = architecture ? [architecture] : sortedArchitectures(profile);
  let footprint = 0;
  for (const arch of archs) {
    for (const m of profile.architectures[arch]?.measurements ?? []) footprint = Math.max(footprint, m.maxMemoryUsedMb);
  }
  return footprint;
}

/** The smallest memory size that leaves the headroom over a footprint. */
export function minimumFittingMb(footprint: number): number {
  if (footprint <= 0) return 0;
  return footprint + Math.max(footprint * FOOTPRINT_HEADROOM_FRACTION, FOOTPRINT_HEADROOM_MIN_MB);
}

/**
 * Candidate configurations, ordered by memory ascending, then by the spec's
 * architecture order (today's first). Empty when no size in the grid and the
 * function's bounds leaves room for its footprint — callers must report that.
 *
 * Which grid: the function's own (FunctionInfo.memoryGrid, from app.yaml or
 * `--memory-grid`) when the user set one — a list, or `measured` (per
 * architecture, the sizes that architecture's profile measured) — wins over
 * a strategy's own grid (options.gridMb: power tuning's values, exhaustive's
 * grid), since it says what the user allows. `default` and `all` start from
 * the strategy's grid (else DEFAULT_MEMORY_GRID_MB); `all` adds every measured
 * size. Only the `default`/`all` grids fall back to the user's min/max when
 * the bounds exclude every grid size: a list or `measured` never yields a
 * size the user did not allow or nobody measured.
 */
export function candidateConfigurations(
  fn: FunctionInfo,
  profile: FunctionProfile | undefined,
  options: CandidateOptions = {},
): ConfigurationOption[] {
  const architectures = usableArchitectures(fn, profile);
  // A footprint measured on the other architecture still applies when this one has no measurement of it.
  const fittingMb = architectures.map((architecture) => minimumFittingMb(footprintMb(profile, architecture) || footprintMb(profile)));
  const setting = fn.memoryGrid ?? DEFAULT_SETTING;
  if (setting.kind === 'default') return onGrid(clipToBounds(fn, options.gridMb ?? DEFAULT_MEMORY_GRID_MB), architectures, fittingMb);
  if (setting.kind === 'list') return onGrid(clipUncached(fn, setting.sizesMb, false), architectures, fittingMb);
  const measured = architectures.map((architecture) => measuredSizesMb(profile?.architectures[architecture]));
  if (setting.kind === 'all') return onGrid(clipUncached(fn, [...(options.gridMb ?? DEFAULT_MEMORY_GRID_MB), ...measured.flat()], true), architectures, fittingMb);
  // measured: each architecture its own sizes, merged in memory order (then the spec's architecture order: the
  // architectures are pushed in that order and the sort is stable).
  const result: ConfigurationOption[] = [];
  architectures.forEach((architecture, a) => {
    for (const memoryMb of clipUncached(fn, measured[a]!, false)) if (memoryMb >= fittingMb[a]!) result.push(configurationOption(memoryMb, architecture));
  });
  return result.sort((x, y) => x.memoryMb - y.memoryMb);
}

const DEFAULT_SETTING: MemoryGrid = { kind: 'default' };

function onGrid(grid: readonly number[], architectures: readonly Architecture[], fittingMb: readonly number[]): ConfigurationOption[] {
  const result: ConfigurationOption[] = [];
  for (const memoryMb of grid) {
    for (let a = 0; a < architectures.length; a += 1) {
      if (memoryMb >= fittingMb[a]!) result.push(configurationOption(memoryMb, architectures[a]!));
    }
  }
  return result;
}

const interned = new Map<Architecture, Map<number, ConfigurationOption>>();

/**
 * The one frozen option object for a memory size and architecture. Every
 * function's candidate list shares them: a 10k-function workflow holds a few
 * dozen option objects instead of 150k long-lived ones (garbage-collector
 * time), and caches keyed by option identity hit across functions.
 */
export function configurationOption(memoryMb: number, architecture: Architecture): ConfigurationOption {
  let byMemory = interned.get(architecture);
  if (!byMemory) interned.set(architecture, (byMemory = new Map()));
  let option = byMemory.get(memoryMb);
  if (!option) byMemory.set(memoryMb, (option = Object.freeze({ memoryMb, architecture })));
  return option;
}

/** Architectures the spec allows and the profile has data (measurements or a fitted model) for, in the spec's order. */
export function usableArchitectures(fn: FunctionInfo, profile: FunctionProfile | undefined): Architecture[] {
  if (!profile) return fn.architectures.slice(0, 1);
  return fn.architectures.filter((arch) => hasData(profile.architectures[arch]));
}

function hasData(archProfile: ArchitectureProfile | undefined): boolean {
  return archProfile !== undefined && (archProfile.measurements.length > 0 || archProfile.model !== undefined);
}

/**
 * Sorted, deduplicated grid inside [minMemoryMb, maxMemoryMb]. When the bounds
 * exclude every grid size (e.g. min 300, max 400), the bounds themselves are
 * the candidates: the user's range wins over the grid.
 */
function clipToBounds(fn: FunctionInfo, gridMb: readonly number[]): readonly number[] {
  // Most functions of a workflow share their bounds (none): one clipped grid for all of them.
  let byBounds = clipped.get(gridMb);
  if (!byBounds) clipped.set(gridMb, (byBounds = new Map()));
  const key = `${fn.minMemoryMb}|${fn.maxMemoryMb}`;
  let grid = byBounds.get(key);
  if (!grid) byBounds.set(key, (grid = Object.freeze(clipUncached(fn, gridMb, true))));
  return grid;
}

const clipped = new WeakMap<readonly number[], Map<string, readonly number[]>>();

function clipUncached(fn: FunctionInfo, gridMb: readonly number[], boundsWhenEmpty: boolean): number[] {
  const lo = fn.minMemoryMb ?? -Infinity;
  const hi = fn.maxMemoryMb ?? Infinity;
  const inside = [...new Set(gridMb)].filter((mb) => mb >= lo && mb <= hi).sort((a, b) => a - b);
  if (inside.length > 0 || !boundsWhenEmpty) return inside;
  return [...new Set([fn.minMemoryMb, fn.maxMemoryMb].filter((mb): mb is number => mb !== undefined))].sort((a, b) => a - b);
}

function sortedArchitectures(profile: FunctionProfile): Architecture[] {
  return (Object.keys(profile.architectures) as Architecture[]).sort();
}
