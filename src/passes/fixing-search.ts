// One configuration for each shared function when there are too many
// combinations to compose a frontier for each (shared-functions.ts): the
// fixing whose frontier is cheapest at a target latency, by branch and bound
// over the shared functions, started from a coordinate descent's answer.
//
// Bound: with some shared functions fixed and the others left free per step
// (each of their steps may pick its own option — a relaxation of "one
// configuration per function"), the composed frontier's cheapest point within
// the target costs no more than any completion of the partial fixing, so a
// branch whose bound is no better than the best complete fixing is cut.
// Options are tried cheapest first; the descent's fixing (each shared
// function in turn takes its best option, from the fastest start) gives the
// first incumbent, which is what is kept if the node budget runs out.
// Complexity: one frontier composition per node, at most maxNodes nodes.
import type { Curve } from './frontier/curve.ts';
import { cheapestWithin } from './frontier/curve.ts';
import type { LeafModel } from './leaf-model.ts';
import type { Fixing } from './shared-functions.ts';
import type { ConfigurationOption } from './strategy.ts';

const DESCENT_ROUNDS = 3;

export interface FixingSearchInput<T> {
  shared: readonly string[];
  sharedOptions: ReadonlyMap<string, readonly ConfigurationOption[]>;
  steps: ReadonlyMap<string, readonly string[]>;
  leaves: LeafModel;
  /** The frontier for a fixing of some or all shared functions (the rest free per step); undefined when over budget. */
  compose: (fixing: Fixing) => Curve<T> | undefined;
  targetMs: number;
  maxNodes: number;
}

export interface FixingFound {
  fixing: Fixing;
  method: 'coordinate descent' | 'branch and bound';
  /** Whether the branch and bound finished (the fixing is then the best at the target). */
  complete: boolean;
  nodes: number;
}

export function searchFixing<T>(input: FixingSearchInput<T>): FixingFound | undefined {
  const costAt = (fixing: Fixing): number | undefined => {
    const curve = input.compose(fixing);
    if (!curve) return undefined;
    return cheapestWithin(curve, input.targetMs)?.costUsd ?? Infinity;
  };
  const descent = coordinateDescent(input, costAt);
  if (!descent) return undefined;
  let best = descent;
  let nodes = 0;
  let complete = true;
  const order = [...input.shared].sort((a, b) => input.sharedOptions.get(b)!.length - input.sharedOptions.get(a)!.length || (a < b ? -1 : 1));
  const byCost = new Map(
    order.map((fn) => {
      const total = (o: ConfigurationOption) => input.steps.get(fn)!.reduce((sum, s) => sum + input.leaves.leaf(s, o).costUsd, 0);
      return [fn, [...input.sharedOptions.get(fn)!].sort((a, b) => total(a) - total(b))];
    }),
  );
  const branch = (depth: number, partial: Map<string, ConfigurationOption>): void => {
    if (!complete) return;
    if (nodes >= input.maxNodes) {
      complete = false;
      return;
    }
    nodes += 1;
    const bound = costAt(partial);
    if (bound === undefined) {
      complete = false;
      return;
    }
    if (!(bound < best.costUsd)) return;
    if (depth === order.length) {
      best = { fixing: new Map(partial), costUsd: bound };
      return;
    }
    const fn = order[depth]!;
    for (const option of byCost.get(fn)!) {
      partial.set(fn, option);
      branch(depth + 1, partial);
      partial.delete(fn);
    }
  };
  branch(0, new Map());
  return { fixing: best.fixing, method: best === descent ? 'coordinate descent' : 'branch and bound', complete, nodes };
}

/** Each shared function in turn takes the option that makes the frontier cheapest at the target, from the fastest start. */
function coordinateDescent<T>(input: FixingSearchInput<T>, costAt: (fixing: Fixing) => number | undefined): { fixing: Fixing; costUsd: number } | undefined {
  const fixing = new Map<string, ConfigurationOption>();
  for (const fn of input.shared) {
    const totalMs = (o: ConfigurationOption) => input.steps.get(fn)!.reduce((sum, s) => sum + input.leaves.leaf(s, o).latencyMs, 0);
    fixing.set(fn, input.sharedOptions.get(fn)!.reduce((a, b) => (totalMs(b) < totalMs(a) ? b : a)));
  }
  let current = costAt(fixing);
  if (current === undefined) return undefined;
  for (let round = 0; round < DESCENT_ROUNDS; round += 1) {
    let changed = false;
    for (const fn of input.shared) {
      for (const option of input.sharedOptions.get(fn)!) {
        if (option === fixing.get(fn)) continue;
        const trial = new Map(fixing).set(fn, option);
        const cost = costAt(trial);
        if (cost === undefined) return undefined;
        if (cost < current) {
          current = cost;
          fixing.set(fn, option);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return { fixing, costUsd: current };
}
