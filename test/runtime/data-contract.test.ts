import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DagcUserError } from '../../src/diagnostics/diagnostic.ts';
import type { IR } from '../../src/ir/types.ts';
import { runReference } from '../../src/runtime/reference-executor.ts';
import { drawBranch } from '../../src/runtime/choice-draw.ts';
import { irOf, type StepOptions } from '../helpers/ir-builder.ts';

const handlers = path.join(path.dirname(fileURLToPath(import.meta.url)), 'handlers');

/** An IR whose functions run the test handlers named in `handlerOf` (function name → file stem). */
function app(needs: Record<string, string[]>, options: Record<string, StepOptions>, handlerOf: Record<string, string>): IR {
  const ir = irOf(needs, options);
  for (const [name, info] of ir.functions) info.handlerPath = path.join(handlers, `${handlerOf[name] ?? name}.mjs`);
  return ir;
}

async function userError(run: Promise<unknown>): Promise<string[]> {
  try {
    await run;
  } catch (error) {
    assert.ok(error instanceof DagcUserError, `expected a DagcUserError, got ${String(error)}`);
    return error.diagnostics.map((d) => d.code);
  }
  assert.fail('expected the run to fail');
}

describe('reference executor data contract', () => {
  it('gives a step without needs the workflow input and a one-need step that need\'s output', async () => {
    const ir = app({ a: [], b: ['a'] }, {}, { a: 'echo', b: 'echo' });
    const { outputs, final } = await runReference(ir, { hello: 1 });
    assert.deepEqual(outputs.a, { event: { hello: 1 }, stepId: 'a', itemIndex: null });
    assert.deepEqual(final, { event: outputs.a, stepId: 'b', itemIndex: null });
  });

  it('keys the input of a step with several needs by need id, in sorted order', async () => {
    const ir = app({ z: [], a: [], join: ['z', 'a'] }, {}, { z: 'echo', a: 'echo', join: 'echo' });
    const { outputs } = await runReference(ir, 1);
    const event = (outputs.join as { event: Record<string, unknown> }).event;
    assert.deepEqual(Object.keys(event), ['a', 'z']);
    assert.deepEqual(event.z, outputs.z);
  });

  it('invokes a map once per item with { item, index, context } and collects { items } in order', async () => {
    const ir = app({ src: [], fan: ['src'] }, { src: { functionName: 'items' }, fan: { functionName: 'echo', map: { kind: 'fixed', width: 3 } } }, {});
    const { outputs } = await runReference(ir, { n: 3 });
    assert.deepEqual(outputs.fan, {
      items: [0, 1, 2].map((index) => ({ event: { item: index * 10, index, context: { n: 3 } }, stepId: 'fan', itemIndex: index })),
    });
  });

  it('takes a multi-need map\'s items from the one need that has them, keeping the others in the context', async () => {
    const ir = app(
      { src: [], side: [], fan: ['src', 'side'] },
      { src: { functionName: 'items' }, side: { functionName: 'echo' }, fan: { functionName: 'echo', map: { kind: 'fixed', width: 2 } } },
      {},
    );
    const { outputs } = await runReference(ir, { n: 2 });
    const first = (outputs.fan as { items: Array<{ event: { context: Record<string, unknown> } }> }).items[0]!.event;
    assert.deepEqual(first.context, { side: outputs.side, src: { n: 2 } });
  });

  it('fails with DAGC0402 when a map\'s need returns no items', async () => {
    const ir = app({ src: [], fan: ['src'] }, { src: { functionName: 'echo' }, fan: { functionName: 'echo', map: { kind: 'fixed', width: 2 } } }, {});
    assert.deepEqual(await userError(runReference(ir, {})), ['DAGC0402']);
  });

  it('passes a choice\'s input to the branch it draws and skips the other branch and what only it feeds', async () => {
    const needs = { a: [], gate: ['a'], left: ['gate'], right: ['gate'], after: ['right'], join: ['left', 'after'] };
    const options = { gate: { choice: { left: 0.5, right: 0.5 } } };
    const seeds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const taken = seeds.map((seed) => drawBranch(seed, 'gate', { left: 0.5, right: 0.5 }));
    assert.ok(taken.includes('left') && taken.includes('right'), 'ten seeds should take both branches');
    for (const seed of [taken.indexOf('left'), taken.indexOf('right')]) {
      const ir = app(needs, options, { a: 'echo', left: 'echo', right: 'echo', after: 'echo', join: 'echo' });
      const result = await runReference(ir, 'x', { seed });
      const branch = result.branches.gate!;
      assert.equal(branch, taken[seed]);
      assert.deepEqual(result.outputs.gate, result.outputs.a);
      assert.deepEqual((result.outputs[branch] as { event: unknown }).event, result.outputs.a);
      assert.deepEqual(result.skipped, branch === 'left' ? ['after', 'right'] : ['left']);
      const joinInput = (result.outputs.join as { event: Record<string, unknown> }).event;
      assert.deepEqual(Object.keys(joinInput), [branch === 'left' ? 'left' : 'after']);
    }
  });

  it('returns the outputs of several sinks keyed by sink id', async () => {
    const ir = app({ a: [], x: ['a'], y: ['a'] }, {}, { a: 'echo', x: 'echo', y: 'echo' });
    const { final, outputs } = await runReference(ir, 0);
    assert.deepEqual(final, { x: outputs.x, y: outputs.y });
  });

  it('passes results through JSON: undefined becomes null, a Date its ISO string', async () => {
    const undefinedRun = await runReference(app({ a: [] }, {}, { a: 'misbehave' }), { mode: 'undefined' });
    assert.equal(undefinedRun.final, null);
    const dateRun = await runReference(app({ a: [] }, {}, { a: 'misbehave' }), { mode: 'date' });
    assert.deepEqual(dateRun.final, { at: '1970-01-01T00:00:00.000Z' });
  });

  it('rejects a non-JSON number with DAGC0403 and a throwing handler with DAGC0404', async () => {
    assert.deepEqual(await userError(runReference(app({ a: [] }, {}, { a: 'misbehave' }), { mode: 'nan' })), ['DAGC0403']);
    assert.deepEqual(await userError(runReference(app({ a: [] }, {}, { a: 'misbehave' }), { mode: 'throw' })), ['DAGC0404']);
  });

  it('reports a module without a handler export (DAGC0401) and a function without a handler (DAGC0400)', async () => {
    assert.deepEqual(await userError(runReference(app({ a: [] }, {}, { a: 'no-export' }), {})), ['DAGC0401']);
    const ir = irOf({ a: [] });
    assert.deepEqual(await userError(runReference(ir, {})), ['DAGC0400']);
  });

  it('gives every handler its own copy of the event, so one that mutates it changes nothing else', async () => {
    const ir = app({ a: [], b: [] }, { a: { functionName: 'm' }, b: { functionName: 'e' } }, { m: 'misbehave', e: 'echo' });
    const input = { mode: 'mutate', shared: ['original'] };
    const { outputs } = await runReference(ir, input);
    assert.deepEqual((outputs.b as { event: unknown }).event, { mode: 'mutate', shared: ['original'] });
    assert.deepEqual(input.shared, ['original']);
  });
});
