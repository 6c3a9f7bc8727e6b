import assert from 'node:assert/strict';
import { allFixings, stepsByFunction, undominatedOptions } from '../../src/passes/shared-functions.ts';
import { irOf } from '../helpers/ir-builder.ts';
import type { LeafModel } from '../../src/passes/leaf-model.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';

const option = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });

/** Leaves from a table: step → memory → [latency, cost]. */
function tableLeaves(table: Record<string, Record<number, [number, number]>>): LeafModel {
  return { method: 'probed', leaf: (step, o) => ({ latencyMs: table[step]![o.memoryMb]![0], costUsd: table[step]![o.memoryMb]![1] }) };
}

describe('shared functions', () => {
  it('keeps an option that is faster on one of the steps, and drops one no faster anywhere and no cheaper', () => {
    const leaves = tableLeaves({
      s1: { 128: [900, 1], 512: [300, 2], 1024: [300, 3], 2048: [100, 5] },
      s2: { 128: [800, 1], 512: [500, 2], 1024: [200, 3], 2048: [200, 5] },
    });
    const kept = undominatedOptions(['s1', 's2'], [128, 512, 1024, 2048].map(option), leaves);
    // 2048 is faster than 1024 on s1 only, and dearer: a trade-off, kept. Nothing dominates 512 or 1024.
    assert.deepEqual(kept.map((o) => o.memoryMb), [128, 512, 1024, 2048]);
    const slower = tableLeaves({ s1: { 128: [900, 1], 512: [300, 2], 1024: [300, 3] }, s2: { 128: [800, 1], 512: [500, 2], 1024: [500, 3] } });
    assert.deepEqual(undominatedOptions(['s1', 's2'], [128, 512, 1024].map(option), slower).map((o) => o.memoryMb), [128, 512]);
  });

  it('enumerates every combination, or none when there are more than allowed', () => {
    const options = new Map([
      ['f', [option(128), option(256)]],
      ['g', [option(128), option(256), option(512)]],
    ]);
    const all = allFixings(['f', 'g'], options, 6)!;
    assert.equal(all.length, 6);
    assert.equal(new Set(all.map((m) => `${m.get('f')!.memoryMb}/${m.get('g')!.memoryMb}`)).size, 6);
    assert.equal(allFixings(['f', 'g'], options, 5), undefined);
    assert.deepEqual(allFixings([], options, 1), [new Map()]);
  });
});

describe('shared functions: steps, dominance and fixings', () => {
  it('lists the steps of each function in id order, leaving out choice steps', () => {
    const ir = irOf({ z: [], b: ['z'], pick: ['b'], a: ['pick'], c: ['pick'] }, { z: { functionName: 'f' }, a: { functionName: 'f' }, c: { functionName: 'g' }, b: { functionName: 'g' }, pick: { choice: { a: 0.5, c: 0.5 } } });
    assert.deepEqual([...stepsByFunction(ir)], [['f', ['a', 'z']], ['g', ['b', 'c']]]);
  });

  it('drops an option as costly and slower on one step, or as fast and dearer, but keeps a cheaper slower one', () => {
    const leaves = tableLeaves({
      s1: { 1: [100, 1], 2: [100, 1], 3: [150, 1], 4: [100, 2], 5: [200, 0.5] },
      s2: { 1: [100, 1], 2: [120, 1], 3: [100, 1], 4: [100, 2], 5: [200, 0.5] },
    });
    // 2 and 3 are as dear as 1 and slower on one step; 4 is as fast as 1 and dearer; 5 is cheaper (summed over steps) and slower.
    assert.deepEqual(undominatedOptions(['s1', 's2'], [1, 2, 3, 4, 5].map(option), leaves).map((o) => o.memoryMb), [1, 5]);
  });

  it('keeps only the first of options that tie on every latency and the total cost', () => {
    const leaves = tableLeaves({ s1: { 1: [100, 1], 2: [100, 1], 3: [90, 2] }, s2: { 1: [50, 1], 2: [50, 1], 3: [50, 2] } });
    assert.deepEqual(undominatedOptions(['s1', 's2'], [2, 1, 3].map(option), leaves).map((o) => o.memoryMb), [2, 3]);
    assert.deepEqual(undominatedOptions(['s1', 's2'], [3, 1, 2].map(option), leaves).map((o) => o.memoryMb), [3, 1]);
  });

  it('sums cost over the steps: an option cheap on one step and dear on the other can lose to an even one', () => {
    // Totals: 1 → 1 + 5 = 6, 2 → 3 + 2 = 5; latencies equal.
    const leaves = tableLeaves({ s1: { 1: [100, 1], 2: [100, 3] }, s2: { 1: [100, 5], 2: [100, 2] } });
    assert.deepEqual(undominatedOptions(['s1', 's2'], [1, 2].map(option), leaves).map((o) => o.memoryMb), [2]);
  });

  it('enumerates fixings like an odometer, the first function turning fastest', () => {
    const options = new Map([
      ['f', [option(1), option(2)]],
      ['g', [option(10), option(20), option(30)]],
    ]);
    const order = allFixings(['f', 'g'], options, 100)!.map((m) => `${m.get('f')!.memoryMb}/${m.get('g')!.memoryMb}`);
    assert.deepEqual(order, ['1/10', '2/10', '1/20', '2/20', '1/30', '2/30']);
    assert.deepEqual(allFixings(['g'], options, 3)!.map((m) => m.get('g')!.memoryMb), [10, 20, 30]);
    assert.equal(allFixings(['g', 'f'], options, 5), undefined);
  });
});

// Review of the survivors the completed src/passes run left unreviewed (bench/results/mutation-src-passes-review-rvpasses.txt).
describe('shared functions: exact ties', () => {
  it('keeps two options of equal cost that tie on one step and trade on the others (not an exact tie)', () => {
    // Equal cost 3 (1 + 1 + 1 and 1 + 1 + 1); s1 ties at 100 ms, s2 and s3 trade: neither dominates, neither is a copy.
    const leaves = tableLeaves({
      s1: { 512: [100, 1], 1024: [100, 1] },
      s2: { 512: [500, 1], 1024: [300, 1] },
      s3: { 512: [300, 1], 1024: [500, 1] },
    });
    assert.deepEqual(undominatedOptions(['s1', 's2', 's3'], [option(512), option(1024)], leaves).map((o) => o.memoryMb), [512, 1024]);
  });

  it('keeps only the first of two options with the same cost and the same latency on every step', () => {
    const leaves = tableLeaves({ s1: { 512: [100, 1], 1024: [100, 1] }, s2: { 512: [200, 1], 1024: [200, 1] } });
    assert.deepEqual(undominatedOptions(['s1', 's2'], [option(1024), option(512)], leaves).map((o) => o.memoryMb), [1024]);
  });
});
