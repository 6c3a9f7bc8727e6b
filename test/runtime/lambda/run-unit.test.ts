import assert from 'node:assert/strict';
import type { LambdaConfig } from '../../../src/runtime/lambda/lambda-config.ts';
import { runPool } from '../../../src/runtime/lambda/item-pool.ts';
import { partition, runUnit } from '../../../src/runtime/lambda/run-unit.ts';
import type { InlineRef, StateBag } from '../../../src/runtime/lambda/state-bag.ts';

/** A Lambda running map step `m` (function f) over the items of task `s`, and a group {g1 → g2}. */
function config(overrides: Partial<LambdaConfig> = {}): LambdaConfig {
  const unit = { writes: {}, schedules: {}, drop: [], delete: [], warm: [] };
  return {
    app: 'test',
    key: 'f',
    prefix: 'f',
    steps: {
      s: { name: 's', kind: 'task', fn: 'f', needs: [] },
      m: { name: 'm', kind: 'map', fn: 'f', needs: ['s'] },
      g1: { name: 'g1', kind: 'task', fn: 'f', needs: ['s'] },
      g2: { name: 'g2', kind: 'task', fn: 'f', needs: ['g1', 's'] },
    },
    functions: { f: { memoryMb: 1024, timeoutMs: 10_000 } },
    units: {
      m: { ...unit, kind: 'map', steps: ['m'], writes: { m: 'inline' } },
      grp: { ...unit, kind: 'group', steps: ['g1', 'g2'], writes: { g2: 'inline' }, drop: ['s'] },
    },
    itemConcurrency: 2,
    ...overrides,
  };
}

const state = (items: unknown[]): StateBag => ({ exec: '0', in: { v: null }, out: { s: { v: { items, label: 'L' } } }, sched: {} });

describe('Lambda runtime: units', () => {
  it('runs a chunk of map items with the data contract and returns their results in item order', async () => {
    const handler = async (event: { item: number; index: number; context: { label: string } }) => `${event.context.label}${event.item * 10}@${event.index}`;
    const ref = (await runUnit({ config: config(), handlers: { f: handler as never } }, { unit: 'm', chunk: [2, 3], state: state([1, 2, 3, 4]) })) as InlineRef;
    assert.deepEqual(ref, { v: ['L30@2', 'L40@3'] });
  });

  it('reports every failed item of a bundle with its step and item index, not just the first', async () => {
    const handler = async (event: { index: number }) => {
      if (event.index % 2 === 1) throw new Error(`odd ${event.index}`);
      return event.index;
    };
    await assert.rejects(
      runUnit({ config: config(), handlers: { f: handler as never } }, { unit: 'm', chunk: [0, 1, 2, 3], state: state([0, 0, 0, 0]) }),
      (error: Error) => error.message.includes("step 'm' item 1 failed: odd 1") && error.message.includes("step 'm' item 3 failed: odd 3") && !error.message.includes('item 0'),
    );
  });

  it('runs a fused chain in memory, writes only what leaves the group, and drops what is dead', async () => {
    const handler = async (event: unknown, context: { stepId: string }) => ({ step: context.stepId, saw: event });
    const next = (await runUnit({ config: config(), handlers: { f: handler as never } }, { unit: 'grp', state: state([7]) })) as StateBag;
    assert.deepEqual(Object.keys(next.out), ['g2']);
    const g2 = (next.out.g2 as InlineRef).v as { step: string; saw: { g1: { step: string }; s: unknown } };
    assert.equal(g2.step, 'g2');
    assert.equal(g2.saw.g1.step, 'g1', 'g2 got g1 from memory, keyed by need as the data contract says');
  });

  it("fails a unit whose next state would exceed Step Functions' 256 KB, naming the output", async () => {
    const handler = async () => 'x'.repeat(300 * 1024);
    await assert.rejects(runUnit({ config: config(), handlers: { f: handler as never } }, { unit: 'grp', state: state([1]) }), /256 KB limit \(largest: g2\)/);
  });

  it('runs a fused part stage by stage, as the fused model sized it: a member starts once the whole stage before has settled', async () => {
    // Part (a; b | c): a and c are stage 0, b (needs a) stage 1. c is slow: run eagerly, b would start beside c, and three
    // members' footprints would be alive where the plan sized the group for a stage's two.
    const unit = { writes: { b: 'inline' as const, c: 'inline' as const }, schedules: {}, drop: [], delete: [], warm: [] };
    const staged = config({
      steps: {
        s: { name: 's', kind: 'task', fn: 'f', needs: [] },
        a: { name: 'a', kind: 'task', fn: 'f', needs: ['s'] },
        b: { name: 'b', kind: 'task', fn: 'f', needs: ['a'] },
        c: { name: 'c', kind: 'task', fn: 'f', needs: ['s'] },
      },
      units: { part: { ...unit, kind: 'group', steps: ['a', 'b', 'c'] } },
    });
    const events: string[] = [];
    let alive = 0;
    let peak = 0;
    const handler = async (_event: unknown, context: { stepId: string }) => {
      events.push(`start ${context.stepId}`);
      peak = Math.max(peak, (alive += 1));
      await new Promise((r) => setTimeout(r, context.stepId === 'c' ? 40 : 5));
      alive -= 1;
      events.push(`end ${context.stepId}`);
      return context.stepId;
    };
    const next = (await runUnit({ config: staged, handlers: { f: handler as never } }, { unit: 'part', state: state([]) })) as StateBag;
    assert.ok(events.indexOf('start b') > events.indexOf('end c'), events.join(', '));
    assert.equal(peak, 2);
    assert.deepEqual(Object.keys(next.out).sort(), ['b', 'c', 's']);
    // A failed member fails what needs it; the rest of its stage still runs, and the message names both in the group's order.
    const failing = async (_event: unknown, context: { stepId: string }) => {
      if (context.stepId === 'a' || context.stepId === 'c') throw new Error(`${context.stepId} broke`);
      return context.stepId;
    };
    await assert.rejects(
      runUnit({ config: staged, handlers: { f: failing as never } }, { unit: 'part', state: state([]) }),
      (error: Error) => /step 'a' failed: a broke.*step 'c' failed: c broke/.test(error.message),
    );
  });

  it('partitions item indices into consecutive chunks of the bundle size', () => {
    assert.deepEqual(partition(7, 3), [[0, 1, 2], [3, 4, 5], [6]]);
    assert.deepEqual(partition(0, 3), []);
  });

  it('runs at most `limit` tasks at once', async () => {
    let active = 0;
    let peak = 0;
    await runPool(10, 3, async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active -= 1;
    });
    assert.equal(peak, 3);
  });
});
