import assert from 'node:assert/strict';
import { searchFixing, type FixingSearchInput } from '../../src/passes/fixing-search.ts';
import type { Curve } from '../../src/passes/frontier/curve.ts';
import type { LeafModel } from '../../src/passes/leaf-model.ts';
import type { Fixing } from '../../src/passes/shared-functions.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';

// Shared functions whose options are memory sizes 1, 2, 3 …; each function runs one step of its own name. The
// leaves make the smallest size the fastest and dearest (the descent starts there); the frontier's cheapest cost at
// the target for a complete fixing comes from a table, and for a partial one it is the least over its completions
// (the relaxation the search bounds with), computed here by brute force.
const opt = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });

function input(sizes: Record<string, number[]>, costOf: (fixing: Record<string, number>) => number | undefined, options: { maxNodes?: number; targetMs?: number; latencyOf?: (fixing: Record<string, number>) => number } = {}) {
  const shared = Object.keys(sizes);
  const leaves: LeafModel = { method: 'probed', leaf: (_step, o) => ({ latencyMs: o.memoryMb, costUsd: 100 - o.memoryMb }) };
  const completions = (fixing: Fixing): Array<Record<string, number>> => {
    let all: Array<Record<string, number>> = [{}];
    for (const fn of shared) {
      const choices = fixing.has(fn) ? [fixing.get(fn)!.memoryMb] : sizes[fn]!;
      all = all.flatMap((partial) => choices.map((m) => ({ ...partial, [fn]: m })));
    }
    return all;
  };
  const composed: Fixing[] = [];
  const compose = (fixing: Fixing): Curve<string> | undefined => {
    composed.push(new Map(fixing));
    const points = completions(fixing).map((c) => ({ c, cost: costOf(c), latencyMs: options.latencyOf?.(c) ?? 0 }));
    if (points.some((p) => p.cost === undefined)) return undefined;
    const best = points.filter((p) => p.latencyMs <= (options.targetMs ?? 0)).sort((a, b) => a.cost! - b.cost!)[0];
    return best ? [{ latencyMs: best.latencyMs, costUsd: best.cost!, choice: { kind: 'leaf', payload: 'x' } }] : [{ latencyMs: Infinity, costUsd: 0, choice: { kind: 'leaf', payload: 'x' } }];
  };
  const search: FixingSearchInput<string> = {
    shared,
    sharedOptions: new Map(shared.map((fn) => [fn, sizes[fn]!.map(opt)])),
    steps: new Map(shared.map((fn) => [fn, [fn]])),
    leaves,
    compose,
    targetMs: options.targetMs ?? 0,
    maxNodes: options.maxNodes ?? 1000,
  };
  return { search, composed };
}

const chosen = (fixing: Fixing) => Object.fromEntries([...fixing].map(([fn, o]) => [fn, o.memoryMb]));

describe('fixing search', () => {
  it('keeps the coordinate descent fixing when the branch and bound finds nothing cheaper', () => {
    // Additive: each function on its own is cheapest at size 2.
    const table: Record<number, number> = { 1: 5, 2: 1, 3: 3 };
    const { search } = input({ f: [1, 2, 3], g: [1, 2, 3] }, (c) => table[c.f!]! + table[c.g!]!);
    const found = searchFixing(search)!;
    assert.deepEqual(chosen(found.fixing), { f: 2, g: 2 });
    assert.equal(found.method, 'coordinate descent');
    assert.equal(found.complete, true);
    // Root bound 2 is not below the incumbent's 2: cut at once.
    assert.equal(found.nodes, 1);
  });

  it("finds by branch and bound what the descent misses: two functions that only pay off moved together", () => {
    // From (1, 1) = 10 each move alone costs more (12); both at 2 cost 5.
    const table: Record<string, number> = { '1,1': 10, '1,2': 12, '2,1': 12, '2,2': 5 };
    const { search } = input({ f: [1, 2], g: [1, 2] }, (c) => table[`${c.f},${c.g}`]);
    const found = searchFixing(search)!;
    assert.deepEqual(chosen(found.fixing), { f: 2, g: 2 });
    assert.equal(found.method, 'branch and bound');
    assert.equal(found.complete, true);
    // Cheapest options first (size 2 has the cheaper leaves): root, f=2, f=2 g=2, f=2 g=1, f=1 (cut by its bound 10).
    assert.equal(found.nodes, 5);
  });

  it('keeps the incumbent and says the search was not complete when the node budget runs out', () => {
    const table: Record<string, number> = { '1,1': 10, '1,2': 12, '2,1': 12, '2,2': 5 };
    const { search } = input({ f: [1, 2], g: [1, 2] }, (c) => table[`${c.f},${c.g}`], { maxNodes: 2 });
    const found = searchFixing(search)!;
    assert.deepEqual(chosen(found.fixing), { f: 1, g: 1 });
    assert.equal(found.method, 'coordinate descent');
    assert.equal(found.complete, false);
    assert.equal(found.nodes, 2);
  });

  it('stops without a complete answer when a partial fixing is over the composition budget, and gives up when the descent is', () => {
    const table: Record<string, number> = { '1,1': 10, '1,2': 12, '2,1': 12, '2,2': 5 };
    // Every fixing of f alone (g free) is "over budget"; the complete ones are not.
    const { search } = input({ f: [1, 2], g: [1, 2] }, (c) => table[`${c.f},${c.g}`]);
    const partialFails: FixingSearchInput<string> = { ...search, compose: (fixing) => (fixing.size === 1 ? undefined : search.compose(fixing)) };
    const found = searchFixing(partialFails)!;
    assert.equal(found.complete, false);
    assert.equal(found.nodes, 2, 'the root and the first one-function node: nothing after it is explored');
    assert.deepEqual(chosen(found.fixing), { f: 1, g: 1 });
    assert.equal(searchFixing({ ...search, compose: () => undefined }), undefined, 'the descent cannot even start');
    let calls = 0;
    assert.equal(searchFixing({ ...search, compose: (fixing) => (++calls > 1 ? undefined : search.compose(fixing)) }), undefined, 'a trial of the descent over budget');
  });

  it('walks the descent for up to three rounds, each function trying every option against the current fixing', () => {
    // A staircase: (1,1) → (2,1) → (2,2) → … → (5,5), each step cheaper; off it 100.
    const stairs = ['1,1', '2,1', '2,2', '3,2', '3,3', '4,3', '4,4', '5,4', '5,5'];
    const cost = (c: Record<string, number>) => {
      const i = stairs.indexOf(`${c.f},${c.g}`);
      return i < 0 ? 100 : 50 - i;
    };
    const sizes = [1, 2, 3, 4, 5];
    const { search } = input({ f: sizes, g: sizes }, cost, { maxNodes: 0 });
    // One step up each a round: after three rounds (4, 4) — the fourth round's (5, 5) is out of reach without the search.
    assert.deepEqual(chosen(searchFixing(search)!.fixing), { f: 4, g: 4 });
    const complete = input({ f: sizes, g: sizes }, cost);
    const found = searchFixing(complete.search)!;
    assert.deepEqual(chosen(found.fixing), { f: 5, g: 5 });
    assert.equal(found.method, 'branch and bound');
  });

  it('counts a frontier with no point within the target as infinitely dear', () => {
    // f = 1 is cheap but too slow for the target; f = 2 meets it.
    const { search } = input({ f: [1, 2] }, (c) => (c.f === 1 ? 1 : 7), { targetMs: 100, latencyOf: (c) => (c.f === 1 ? 500 : 50) });
    const found = searchFixing(search)!;
    assert.deepEqual(chosen(found.fixing), { f: 2 });
  });

  it('branches on the function with the most options first', () => {
    const { search, composed } = input({ a: [1, 2], b: [1, 2, 3] }, (c) => c.a! + c.b! + (c.a === 2 && c.b === 3 ? -10 : 0));
    searchFixing(search);
    const firstPartial = composed.find((f) => f.size === 1)!;
    // The descent's trials fix both; the search's first one-function node fixes b.
    assert.deepEqual([...firstPartial.keys()], ['b']);
  });

  it('branches on the cheapest options first, finding the best early and cutting the rest', () => {
    // The descent stops at (2,1) = 7. Cheapest first (3, 2, 1 for f; 2, 1 for g): the root, f=3, (3,2) = 5 the best,
    // (3,1) cut, f=2 (bound 7) cut, f=1 (bound 6) cut: 6 nodes. Dearest first would explore f=1's children too.
    const table: Record<string, number> = { '1,1': 9, '1,2': 6, '2,1': 7, '2,2': 20, '3,1': 20, '3,2': 5 };
    const { search } = input({ f: [1, 2, 3], g: [1, 2] }, (c) => table[`${c.f},${c.g}`]);
    const before = [...search.sharedOptions].map(([fn, list]) => [fn, list.map((o) => o.memoryMb)]);
    const found = searchFixing(search)!;
    assert.deepEqual(chosen(found.fixing), { f: 3, g: 2 });
    assert.equal(found.nodes, 6);
    assert.deepEqual([...search.sharedOptions].map(([fn, list]) => [fn, list.map((o) => o.memoryMb)]), before, 'the options given are not reordered');
  });

  it('branches on functions with as many options in name order', () => {
    const { search, composed } = input({ b: [1, 2], a: [1, 2] }, (c) => c.a! + c.b! + (c.a === 2 && c.b === 2 ? -10 : 0));
    searchFixing(search);
    assert.deepEqual([...composed.find((f) => f.size === 1)!.keys()], ['a']);
  });

  it('starts the descent from each function at its fastest option, wherever it is listed', () => {
    // Listed slowest first: from (1, 1) the descent is stuck at 10 and the search finds (2, 2) = 5; started from the
    // first listed options (2, 2) it would have been the descent's answer.
    const table: Record<string, number> = { '1,1': 10, '1,2': 12, '2,1': 12, '2,2': 5 };
    const { search } = input({ f: [2, 1], g: [2, 1] }, (c) => table[`${c.f},${c.g}`]);
    assert.equal(searchFixing(search)!.method, 'branch and bound');
  });

  it('moves only to a strictly cheaper option, trying each other option once a round, until a round changes nothing', () => {
    // Additive; f and g each 5 at size 1, 1 at sizes 2 and 3. From (1, 1): round 1 moves f to 2 and g to 2 (3 is no
    // cheaper than 2), round 2 changes nothing and ends the descent.
    const table: Record<number, number> = { 1: 5, 2: 1, 3: 1 };
    const { search, composed } = input({ f: [1, 2, 3], g: [1, 2, 3] }, (c) => table[c.f!]! + table[c.g!]!);
    const found = searchFixing(search)!;
    assert.deepEqual(chosen(found.fixing), { f: 2, g: 2 });
    // The start, two rounds of 2 functions × 2 other options, and the search's root (cut at once).
    assert.equal(composed.length, 1 + 2 * 4 + 1);
  });
});
