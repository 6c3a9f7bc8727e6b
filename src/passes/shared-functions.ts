// Functions that run in several steps must get ONE configuration: a Lambda
// function has one memory size whichever state invokes it. The frontier
// cannot choose them per leaf (two leaves of one function could pick two
// sizes), so they are fixed from outside: the frontier is composed once per
// fixing, with each shared function's leaves reduced to the single point of
// its fixed option, and the fixings' frontiers are merged.
//
// To keep the number of fixings small, a shared function's options are first
// reduced to the undominated ones: an option that is no faster on any of the
// function's steps and no cheaper in total than another can never be needed.
// Then every combination is enumerated when there are few; otherwise a
// coordinate descent (frontier-sizing.ts) picks one fixing.
// Complexity: O(options² × steps of the function) for the dominance filter.
import { invokesFunction, type IR } from '../ir/types.ts';
import type { LeafModel } from './leaf-model.ts';
import type { ConfigurationOption } from './strategy.ts';

export type Fixing = ReadonlyMap<string, ConfigurationOption>;

/** Step ids per function, sorted; choice steps run no function. */
export function stepsByFunction(ir: IR): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const id of [...ir.graph.nodes()].sort()) {
    const node = ir.graph.node(id);
    if (!invokesFunction(node)) continue;
    const list = result.get(node.functionName) ?? [];
    list.push(id);
    result.set(node.functionName, list);
  }
  return result;
}

/** Options not dominated on (latency of every step, total cost); order preserved. */
export function undominatedOptions(steps: readonly string[], options: readonly ConfigurationOption[], leaves: LeafModel): ConfigurationOption[] {
  const vectors = options.map((option) => {
    const latencies = steps.map((s) => leaves.leaf(s, option).latencyMs);
    const costUsd = steps.reduce((sum, s) => sum + leaves.leaf(s, option).costUsd, 0);
    return { option, latencies, costUsd };
  });
  const dominates = (a: (typeof vectors)[number], b: (typeof vectors)[number]): boolean => {
    if (a.costUsd > b.costUsd) return false;
    let strictly = a.costUsd < b.costUsd;
    for (let i = 0; i < a.latencies.length; i += 1) {
      if (a.latencies[i]! > b.latencies[i]!) return false;
      if (a.latencies[i]! < b.latencies[i]!) strictly = true;
    }
    return strictly;
  };
  // Among exact ties keep the first listed, so the result does not depend on anything but the order given.
  const kept = vectors.filter((v, i) => !vectors.some((w, j) => dominates(w, v) || (j < i && sameVector(w, v))));
  return kept.map((v) => v.option);
}

function sameVector(a: { latencies: number[]; costUsd: number }, b: { latencies: number[]; costUsd: number }): boolean {
  return a.costUsd === b.costUsd && a.latencies.every((x, i) => x === b.latencies[i]);
}

/** Every combination of the shared functions' options, or undefined when there are more than `max`. */
export function allFixings(shared: readonly string[], options: ReadonlyMap<string, readonly ConfigurationOption[]>, max: number): Fixing[] | undefined {
  let count = 1;
  for (const fn of shared) {
    count *= options.get(fn)!.length;
    if (count > max) return undefined;
  }
  const result: Fixing[] = [];
  const indices = shared.map(() => 0);
  for (;;) {
    result.push(new Map(shared.map((fn, i) => [fn, options.get(fn)![indices[i]!]!])));
    let k = 0;
    while (k < shared.length && ++indices[k]! >= options.get(shared[k]!)!.length) indices[k++] = 0;
    if (k === shared.length) return result;
  }
}
