// Which Task dispatch a step starts after (src/sim/dispatch-kinds.ts) is a question about steps that invoke a
// function: a Choice or a join after a task starts no invocation, so it gets no dispatch kind of its own, even
// with exactly one predecessor that is a task (the case a task would get afterTask).
import assert from 'node:assert/strict';
import { dispatchKindsOf, stepDispatchKinds } from '../../src/sim/dispatch-kinds.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('dispatch kinds of steps that invoke nothing', () => {
  it('gives a Choice whose one predecessor is a task no dispatch kind', () => {
    const ir = irOf({ a: [], ch: ['a'], b: ['ch'] }, { ch: { choice: { b: 1 } } });
    assert.deepEqual(stepDispatchKinds(ir, 'ch'), { first: undefined, next: undefined });
    // The task after the Choice is no task after a task either (the pooled dispatch).
    assert.deepEqual(stepDispatchKinds(ir, 'b'), { first: undefined, next: undefined });
  });

  it('gives a join or a Choice after a single task or map none, as the rule reads them', () => {
    for (const kind of ['join', 'choice'] as const) {
      for (const predKind of ['task', 'map'] as const) assert.deepEqual(dispatchKindsOf(kind, 1, predKind, false), { first: undefined, next: undefined }, `${kind} after a ${predKind}`);
    }
  });
});
