// Tests from the mutation run's survivors in fixing-search.ts (issue 26): functions with as many options are branched
// on in name order whatever order they are listed in, and the descent starts from the first listed of equally fast
// options.
import assert from 'node:assert/strict';
import { searchFixing, type FixingSearchInput } from '../../src/passes/fixing-search.ts';
import type { Curve } from '../../src/passes/frontier/curve.ts';
import type { LeafModel } from '../../src/passes/leaf-model.ts';
import type { Fixing } from '../../src/passes/shared-functions.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';

const point = (costUsd: number): Curve<string> => [{ latencyMs: 0, costUsd, choice: { kind: 'leaf', payload: 'x' } }];

/** Each function runs one step of its own name; compose answers a fixing's cost from costOf. */
function input(options: Record<string, ConfigurationOption[]>, costOf: (fixing: Fixing) => number, leaves: LeafModel) {
  const composed: Fixing[] = [];
  const shared = Object.keys(options);
  const search: FixingSearchInput<string> = {
    shared,
    sharedOptions: new Map(shared.map((fn) => [fn, options[fn]!])),
    steps: new Map(shared.map((fn) => [fn, [fn]])),
    leaves,
    compose: (fixing) => {
      composed.push(new Map(fixing));
      return point(costOf(fixing));
    },
    targetMs: 0,
    maxNodes: 1000,
  };
  return { search, composed };
}

const x86 = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });
const arm = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'arm64' });

describe('fixing search (mutation survivors)', () => {
  it('branches on functions with as many options in name order, listed in name order too', () => {
    // Latency = memory, cost = 100 − memory; the fixing's cost: the sum of sizes, 10 less with both at 2, so the
    // search has to branch past the descent's answer.
    const leaves: LeafModel = { method: 'probed', leaf: (_s, o) => ({ latencyMs: o.memoryMb, costUsd: 100 - o.memoryMb }) };
    const cost = (a: number, b: number) => a + b + (a === 2 && b === 2 ? -10 : 0);
    // A partial fixing costs the least over its completions (the relaxation the search bounds with).
    const sizes = (f: Fixing, fn: string) => (f.has(fn) ? [f.get(fn)!.memoryMb] : [1, 2]);
    const relaxed = (f: Fixing) => Math.min(...sizes(f, 'a').flatMap((a) => sizes(f, 'b').map((b) => cost(a, b))));
    const { search, composed } = input({ a: [x86(1), x86(2)], b: [x86(1), x86(2)] }, relaxed, leaves);
    searchFixing(search);
    assert.deepEqual([...composed.find((f) => f.size === 1)!.keys()], ['a']);
  });

  it('starts the descent from the first listed of equally fast options', () => {
    // f at 1 MB on x86_64 or on arm64: equally fast (latency = memory); the descent starts at the first listed.
    const leaves: LeafModel = { method: 'probed', leaf: (_s, o) => ({ latencyMs: o.memoryMb, costUsd: 1 }) };
    for (const listed of [[x86(1), arm(1), x86(2)], [arm(1), x86(1), x86(2)]]) {
      const { search, composed } = input({ f: listed }, () => 1, leaves);
      searchFixing(search);
      assert.equal(composed[0]!.get('f'), listed[0], `${listed[0]!.architecture} first`);
    }
  });
});
