// Which kind of Task dispatch each step of a workflow starts after, as the
// trace analysis tells the kinds apart (src/calibrate/trace-gaps.ts).
import assert from 'node:assert/strict';
import { stepDispatchKinds } from '../../src/sim/dispatch-kinds.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('stepDispatchKinds', () => {
  // a → b → m (map) → c → { x, y } (a Parallel) → j; j → q (choice) → r; m2, a map after the Parallel's branch x.
  const ir = irOf(
    { a: [], b: ['a'], m: ['b'], c: ['m'], x: ['c'], y: ['c'], j: ['x', 'y'], q: ['j'], r: ['q'], l: ['r'] },
    { m: { map: { kind: 'fixed', width: 3 } }, q: { choice: { r: 1 } }, l: { map: { kind: 'fixed', width: 4 } } },
  );
  const kinds = (id: string) => stepDispatchKinds(ir, id);

  it('gives a task after a task afterTask, and a task after a map afterMap', () => {
    assert.deepEqual(kinds('b'), { first: 'afterTask', next: undefined });
    assert.deepEqual(kinds('c'), { first: 'afterMap', next: undefined });
  });

  it('gives a map mapFirstItem for its first item and mapNextItem for the items started when a slot frees', () => {
    assert.deepEqual(kinds('m'), { first: 'mapFirstItem', next: 'mapNextItem' });
    assert.deepEqual(kinds('l'), { first: 'mapFirstItem', next: 'mapNextItem' });
  });

  it('leaves the pooled dispatch to an entry task, a Parallel branch\'s first step, a step after a Parallel and one after a Choice', () => {
    for (const id of ['a', 'x', 'y', 'j', 'r']) assert.deepEqual(kinds(id), { first: undefined, next: undefined }, id);
  });

  it('leaves a map that starts a Parallel branch its first item pooled', () => {
    const fork = irOf({ s: [], p: ['s'], t: ['s'] }, { p: { map: { kind: 'fixed', width: 2 } } });
    assert.deepEqual(stepDispatchKinds(fork, 'p'), { first: undefined, next: 'mapNextItem' });
  });
});
