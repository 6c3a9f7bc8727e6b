import assert from 'node:assert/strict';
import { allFixings, undominatedOptions } from '../../src/passes/shared-functions.ts';
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
