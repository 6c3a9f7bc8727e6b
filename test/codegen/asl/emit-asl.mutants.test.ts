// Tests from the mutation run's survivors in emit-asl.ts (issue 26): the
// fields of the states the emitter writes around the steps — the start state
// that builds the state bag (and the chunk lists of maps fed by the workflow
// input), a Map state's processor, concurrency, item and result shapes, a
// choice's draw, branches and the Pass of an empty branch, and the name of a
// Parallel state — checked against what docs/codegen.md says they hold.
import assert from 'node:assert/strict';
import { emitAsl, type AslDefinition } from '../../../src/codegen/asl/emit-asl.ts';
import { aslProblems } from '../../../src/codegen/asl/validate-asl.ts';
import { dataFlow } from '../../../src/codegen/functions/data-flow.ts';
import { currentDeployment, type Deployment } from '../../../src/ir/deployment.ts';
import { toSeriesParallel } from '../../../src/ir/series-parallelize.ts';
import type { IR } from '../../../src/ir/types.ts';
import { irOf } from '../../helpers/ir-builder.ts';

function render(ir: IR, change: (d: Deployment) => void = () => {}): AslDefinition {
  const deployment = currentDeployment(ir);
  change(deployment);
  const staged = toSeriesParallel(ir);
  return emitAsl(ir, deployment, staged, dataFlow(ir, deployment, staged));
}

type State = Record<string, any>;
const states = (definition: AslDefinition): Record<string, State> => definition.States as Record<string, State>;

describe('ASL emitter: start, map, choice and parallel states', () => {
  it('starts with a Pass that builds the state bag, and chunks the workflow input for a map fed by it', () => {
    const ir = irOf({ m: [], t: ['m'] }, { m: { map: { kind: 'fixed', width: 4 } } });
    const definition = render(ir, (d) => {
      d.steps.m = { bundleSize: 3 };
    });
    assert.deepEqual(aslProblems(definition), []);
    assert.equal(definition.Comment, 'dagc plan for test-app (standard); state data: docs/codegen.md');
    const start = states(definition)[definition.StartAt]!;
    // exec: the execution's name (the choice draws hash it); in.v: the workflow input; out: no outputs yet;
    // sched.m: the indices 0 … n−1 of the input's items in chunks of the bundle size, 3.
    assert.deepEqual(start, {
      Type: 'Pass',
      Parameters: {
        'exec.$': '$$.Execution.Name',
        in: { 'v.$': '$' },
        out: {},
        sched: { 'm.$': 'States.ArrayPartition(States.ArrayRange(0, States.MathAdd(States.ArrayLength($.items), -1), 1), 3)' },
      },
      Next: 'm',
    });
    const express = render(ir, (d) => {
      d.orchestration = 'express';
    });
    assert.equal(express.Comment, 'dagc plan for test-app (express); state data: docs/codegen.md');
  });

  it('runs a distributed map on Express child executions and states MaxConcurrency only when it limits', () => {
    const ir = irOf({ s: [], m: ['s'] }, { m: { map: { kind: 'fixed', width: 4 } } });
    const distributed = states(render(ir, (d) => {
      d.steps.m = { map: { mode: 'distributed', maxConcurrency: 0 } };
    })).m!;
    assert.equal(distributed.Type, 'Map');
    assert.deepEqual(distributed.ItemProcessor.ProcessorConfig, { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' });
    assert.equal('MaxConcurrency' in distributed, false, '0 means no limit: the field is left out');
    // Each item gets its chunk of indices and the whole state; the parts come back as one array in out.m.
    assert.deepEqual(distributed.ItemSelector, { 'chunk.$': '$$.Map.Item.Value', 'state.$': '$' });
    assert.deepEqual(distributed.ResultSelector, { 'parts.$': '$' });
    assert.equal(distributed.ItemsPath, '$.sched.m');
    assert.equal(distributed.ResultPath, '$.out.m');
    const inline = states(render(ir, (d) => {
      d.steps.m = { map: { mode: 'inline', maxConcurrency: 5 } };
    })).m!;
    assert.deepEqual(inline.ItemProcessor.ProcessorConfig, { Mode: 'INLINE' });
    assert.equal(inline.MaxConcurrency, 5);
  });

  it('draws a choice and sends each branch to its first state, a branch that runs nothing straight to the join', () => {
    // g picks x (then j) or j directly: the j branch runs nothing of its own. (The emitter used to add a Pass for
    // that branch that no state pointed to: an unreachable state, which Step Functions and asl-validator reject.)
    const ir = irOf({ s: [], g: ['s'], x: ['g'], j: ['g', 'x'] }, { g: { choice: { x: 0.5, j: 0.5 } } });
    const definition = render(ir);
    assert.deepEqual(aslProblems(definition), []);
    const all = states(definition);
    const draw = all.s!.Next as string;
    assert.match(draw, /^_draw_g_/);
    assert.deepEqual(all[draw], {
      Type: 'Pass',
      Parameters: { 'u.$': "States.Hash(States.Format('{}\u0000g', $.exec), 'SHA-256')" },
      ResultPath: '$.draw.g',
      Next: 'g',
    });
    const choice = all.g!;
    assert.equal(choice.Type, 'Choice');
    assert.deepEqual(choice.Choices.map((c: State) => c.Next), ['j']);
    assert.equal(choice.Default, 'x');
    assert.equal(all.x!.Next, 'j');
    const passes = Object.entries(all).filter(([, s]) => s.Type === 'Pass').map(([name]) => name);
    assert.equal(passes.length, 3, `start, output and the draw: ${passes.join(', ')}`);
  });

  it('names a Parallel state after the first step of its first branch, a fusion group\'s first member included', () => {
    const plain = states(render(irOf({ s: [], a: ['s'], b: ['s'], j: ['a', 'b'] })));
    const parallel = Object.keys(plain).filter((name) => plain[name]!.Type === 'Parallel');
    assert.equal(parallel.length, 1);
    assert.match(parallel[0]!, /^_parallel_a_/);
    assert.deepEqual(plain[parallel[0]!]!.Branches.map((b: State) => b.StartAt), ['a', 'b']);

    const ir = irOf({ s: [], a: ['s'], a2: ['a'], b: ['s'], j: ['a2', 'b'] });
    const fused = states(render(ir, (d) => {
      d.groups = { ga: { steps: ['a', 'a2'], memoryMb: 1024, architecture: 'x86_64' } };
      d.steps = { a: { fusionGroup: 'ga' }, a2: { fusionGroup: 'ga' } };
      d.edges = { 's->a': 'inline', 'a->a2': 'in-process', 's->b': 'inline', 'a2->j': 'inline', 'b->j': 'inline' };
    }));
    const names = Object.keys(fused).filter((name) => fused[name]!.Type === 'Parallel');
    assert.equal(names.length, 1);
    assert.deepEqual(fused[names[0]!]!.Branches.map((b: State) => b.StartAt), ['ga', 'b']);
    assert.match(names[0]!, /^_parallel_a_/);
  });
});
