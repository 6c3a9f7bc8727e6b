// The prior a function's thin cold evidence shrinks toward: what the app's
// other functions measured. A cold handler's slowdown is mostly the runtime's
// and the deployment's (imports, connections, JIT), shared by the functions of
// one app on one architecture, so their cold samples are the nearest evidence
// there is for a function that measured few: in the SeBS-Flow trip-booking
// trace every function's cold handlers run ×78–×100 their warm duration, each
// measured 0–5 times — shrunk toward ×1 (the warm curve, as before this prior),
// one sample gave ×5 and five gave ×31.
// Rule (cold-evidence.ts reads it): a function with fewer than MIN_EMPIRICAL
// cold samples gets the other functions' cold samples on the same architecture
// — each as ln(cold Duration / the median warm Duration at its size, sizes
// with warm samples only) — as its prior: their median, weighted by their own
// credibility toward ×1. Its factor is then
//   exp(Z(n) · own median log ratio + (1 − Z(n)) · Z(N) · prior median),
// n its own cold samples, N the others'. No other function measured cold: the
// prior is ×1, as before. A function with MIN_EMPIRICAL or more keeps its own.
// Decided: the pool is the app's functions whatever their size (the factor is
// taken not to depend on memory, as cold-evidence.ts takes it below its
// evidence), not a database of other apps: nothing says another app's
// runtime or imports are this one's.
// Complexity: O(samples) per architecture; a profile gets a new object only
// when a prior is set (duration models are cached per profile object).
import type { Architecture } from '../ir/types.ts';
import { median } from './fit-duration-model.ts';
import { MIN_EMPIRICAL } from './noise.ts';
import type { ArchitectureProfile, FunctionProfile } from './profile-types.ts';

/** ln(cold / warm median at the same size) of each cold sample of an architecture's profile. */
export function coldLogRatios(arch: ArchitectureProfile): number[] {
  const ratios: number[] = [];
  for (const m of arch.measurements) {
    const warm = m.warmDurationsMs.length > 0 ? median(m.warmDurationsMs) : 0;
    if (!(warm > 0)) continue;
    for (const d of m.coldDurationsMs) if (d > 0) ratios.push(Math.log(d / warm));
  }
  return ratios;
}

function coldSamples(arch: ArchitectureProfile): number {
  return arch.measurements.reduce((n, m) => n + m.coldDurationsMs.length, 0);
}

/** The profiles with each thin-cold function's prior set from the others (same keys, same order). */
export function withColdPriors(profiles: ReadonlyMap<string, FunctionProfile>): Map<string, FunctionProfile> {
  const result = new Map(profiles);
  const architectures = new Set<Architecture>();
  for (const p of profiles.values()) for (const a of Object.keys(p.architectures) as Architecture[]) architectures.add(a);
  for (const architecture of [...architectures].sort()) {
    const ratios = new Map<string, number[]>();
    for (const [name, p] of profiles) {
      const arch = p.architectures[architecture];
      if (arch) ratios.set(name, coldLogRatios(arch));
    }
    for (const name of ratios.keys()) {
      const profile = result.get(name)!;
      const arch = profile.architectures[architecture]!;
      if (coldSamples(arch) >= MIN_EMPIRICAL) continue;
      const others = [...ratios].filter(([other, r]) => other !== name && r.length > 0);
      const pooled = others.flatMap(([, r]) => r);
      if (pooled.length === 0) continue;
      result.set(name, { ...profile, architectures: { ...profile.architectures, [architecture]: { ...arch, coldPrior: { medianLogRatio: median(pooled), samples: pooled.length, functions: others.length } } } });
    }
  }
  return result;
}
