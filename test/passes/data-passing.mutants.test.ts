// Edge cases of the data-passing rule (src/passes/data-passing.ts) that the
// main test file leaves open: ties between equal inputs broken by edge key
// whatever order they come in, an input the plan forces through S3 although
// its state fits, and the inline inputs of an over-limit state written out.
// Sizes are chosen against the 256 KB state payload limit by hand.
import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import { chooseDataPassing, inputsThroughS3 } from '../../src/passes/data-passing.ts';
import { irOf } from '../helpers/ir-builder.ts';

const KB = 1024;

function plain(overrides: Partial<Deployment> = {}): Deployment {
  return { functions: {}, steps: {}, edges: {}, orchestration: 'standard', ...overrides };
}

describe('data passing (edge cases)', () => {
  it('of two equal inputs that do not fit together, sends the one with the larger edge key through S3, in either order', () => {
    for (const order of [
      ['a->x', 'b->x'],
      ['b->x', 'a->x'],
    ]) {
      const inputs = order.map((key) => ({ key, bytes: 200 * KB }));
      const viaS3 = inputsThroughS3(inputs, 400 * KB, () => false);
      assert.deepEqual(
        [...viaS3].map((i) => i.key),
        ['b->x'],
        `inputs in order ${order.join(', ')}`,
      );
    }
  });

  it('breaks ties by edge key among three equal inputs: the two largest keys move until the rest fits', () => {
    // 3 × 100 KB = 300 KB > 256 KB: one must move; 4 × 100 KB: two must move.
    const keys = ['c->x', 'a->x', 'd->x', 'b->x'];
    const viaS3 = inputsThroughS3(
      keys.map((key) => ({ key, bytes: 100 * KB })),
      400 * KB,
      () => false,
    );
    assert.deepEqual([...viaS3].map((i) => i.key), ['d->x', 'c->x']);
  });

  it('keeps an input the plan sends through S3 there even when its state would fit inline', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }, { a: { outputBytes: 1 * KB }, b: { outputBytes: 10 * KB }, c: { outputBytes: 10 * KB } });
    const result = chooseDataPassing(ir, plain({ edges: { 'b->d': 's3' } }));
    assert.deepEqual(result.edges, { 'a->b': 'inline', 'a->c': 'inline', 'b->d': 's3', 'c->d': 'inline' });
    // Under changesOnly too: the forced edge is not its default (inline), so it is written.
    assert.deepEqual(chooseDataPassing(ir, plain({ edges: { 'b->d': 's3' } }), { changesOnly: true }).edges, { 'b->d': 's3' });
    // A state whose only input is forced: 1 KB, through S3 as the plan says.
    const single = irOf({ a: [], b: ['a'] }, { a: { outputBytes: 1 * KB } });
    assert.deepEqual(chooseDataPassing(single, plain({ edges: { 'a->b': 's3' } })).edges, { 'a->b': 's3' });
  });

  it("writes out every mode of an over-limit state's inputs: the largest through S3, the rest inline", () => {
    // d receives 200 KB from b and 100 KB from c: 300 KB > 256 KB, so b's moves and c's stays inline.
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }, { a: { outputBytes: 1 * KB }, b: { outputBytes: 200 * KB }, c: { outputBytes: 100 * KB } });
    const result = chooseDataPassing(ir, plain());
    assert.deepEqual(result.edges, { 'a->b': 'inline', 'a->c': 'inline', 'b->d': 's3', 'c->d': 'inline' });
    const analysis = result.decisions.find((d) => d.kind === 'analysis' && d.subject === 'app')!;
    assert.deepEqual(analysis.numbers, { inlineEdges: 3, s3Edges: 1, inProcessEdges: 0 });
    // changesOnly leaves out the edges at their default (inline up to 256 KB each): b's 200 KB edge is not its default.
    assert.deepEqual(chooseDataPassing(ir, plain(), { changesOnly: true }).edges, { 'b->d': 's3' });
  });

  it('under changesOnly writes inline an input kept inline whose edge alone would default to S3 (a map that never fans out)', () => {
    // m is a map of width 0: its 300 KB edge carries nothing in the worst case (0 items), so d's inputs are 0 + 300 KB;
    // b's 300 KB moves to S3 (its default, left out) and m's stays inline although its edge's default is S3: written.
    const ir = irOf({ m: [], b: [], d: ['m', 'b'] }, { m: { map: { kind: 'fixed', width: 0 }, outputBytes: 300 * KB }, b: { outputBytes: 300 * KB } });
    assert.deepEqual(chooseDataPassing(ir, plain(), { changesOnly: true }).edges, { 'm->d': 'inline' });
  });
});
