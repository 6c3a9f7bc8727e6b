// The memory sizes a profile measured, in the sense the predictor uses
// (duration-model.ts): a size with warm samples whose median is positive is
// predicted from its own samples; any other size is interpolated or
// extrapolated. `--memory-grid measured` (src/passes/memory-options.ts)
// restricts the search to exactly these, so no plan rests on a prediction.
import { median } from './fit-duration-model.ts';
import type { ArchitectureProfile } from './profile-types.ts';

/** Sorted ascending, without repeats. */
export function measuredSizesMb(arch: ArchitectureProfile | undefined): number[] {
  if (!arch) return [];
  const sizes = arch.measurements.filter((m) => m.warmDurationsMs.length > 0 && median(m.warmDurationsMs) > 0).map((m) => m.memoryMb);
  return [...new Set(sizes)].sort((a, b) => a - b);
}
