// Which branch a choice step takes. Real predicates come later; until then a
// choice is a seeded draw from its branch probabilities, the same in every
// runtime (reference executor, fused chains, deployed plans), so an optimized
// plan takes exactly the branches the naive execution took.
//
// The draw is a pure function of (seed, choice step id): u = the first 48 bits
// of SHA-256("<seed>\0<stepId>") / 2^48, and branches are walked in sorted id
// order, taking the first whose cumulative probability exceeds u. O(branches).
import { createHash } from 'node:crypto';

export function drawUnit(seed: number | string, stepId: string): number {
  const digest = createHash('sha256').update(`${seed}\0${stepId}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

export function drawBranch(seed: number | string, stepId: string, probabilities: Record<string, number>): string {
  const branches = Object.keys(probabilities).sort();
  if (branches.length === 0) throw new Error(`choice '${stepId}' has no branches`);
  const u = drawUnit(seed, stepId);
  let cumulative = 0;
  let lastPositive: string | undefined;
  for (const branch of branches) {
    const p = probabilities[branch]!;
    if (p <= 0) continue;
    cumulative += p;
    lastPositive = branch;
    if (u < cumulative) return branch;
  }
  // Rounding can leave the cumulative sum a hair below 1.
  return lastPositive ?? branches[0]!;
}
