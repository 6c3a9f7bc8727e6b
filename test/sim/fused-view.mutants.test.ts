// fusedView's contracted workflow is canonical: its nodes are listed in id order (the steps left alone, then the
// groups), whatever order the app declared its steps and groups in — the estimator's topological order, and so
// its draws, follow the graph's node order. And a group member that runs no function is refused by name.
import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import { fusedView, groupMembers } from '../../src/sim/fused-view.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

function deploymentOf(ir: ReturnType<typeof irOf>, groups: Deployment['groups']): Deployment {
  const functions = Object.fromEntries([...ir.functions.keys()].map((fn) => [fn, { memoryMb: 1024, architecture: 'x86_64' as const }]));
  return { functions, steps: {}, edges: {}, orchestration: 'standard', groups };
}

describe('fusedView node order and member checks', () => {
  // A chain a → b → c → d → e → f, declared backwards; groups y = [e] and x = [b, c], declared y first.
  const ir = irOf({ f: ['e'], e: ['d'], d: ['c'], c: ['b'], b: ['a'], a: [] });
  const profiles = new Map(['a', 'b', 'c', 'd', 'e', 'f'].map((fn) => [fn, profileOf(fn, { x86_64: { serialMs: 10, parallelMs: 0 } })]));

  it('lists the steps left alone in id order, then the groups in id order, whatever the declaration order', () => {
    assert.deepEqual(ir.graph.nodes(), ['f', 'e', 'd', 'c', 'b', 'a'], 'the source graph lists its steps as declared');
    const groups = { y: { steps: ['e'], memoryMb: 2048, architecture: 'x86_64' as const }, x: { steps: ['b', 'c'], memoryMb: 2048, architecture: 'x86_64' as const } };
    const view = fusedView(ir, deploymentOf(ir, groups), profiles);
    assert.deepEqual(view.ir.graph.nodes(), ['a', 'd', 'f', 'x', 'y']);
    assert.deepEqual(view.ir.graph.edges().map(({ v, w }) => `${v}->${w}`).sort(), ['a->x', 'd->y', 'x->d', 'y->f']);
  });

  it('refuses a group member that runs no function, naming it', () => {
    const withChoice = irOf({ a: [], ch: ['a'], b: ['ch'] }, { ch: { choice: { b: 1 } } });
    const group = { steps: ['a', 'ch'], memoryMb: 1024, architecture: 'x86_64' as const };
    assert.throws(() => groupMembers(withChoice, group, profiles), /fusion group member 'ch' runs no function/);
  });
});
