// invokesFunction: which step kinds run a function (tasks and maps), which do not (choices, joins).
import assert from 'node:assert/strict';
import { invokesFunction, type StepNode } from '../../src/ir/types.ts';

describe('invokesFunction (mutants)', () => {
  it('is true for a task and a map, false for a choice and a join', () => {
    const nodes: StepNode[] = [
      { id: 't', kind: 'task', functionName: 'f', outputBytes: 1 },
      { id: 'm', kind: 'map', functionName: 'f', outputBytes: 1, width: { kind: 'fixed', width: 2 }, maxConcurrency: 0 },
      { id: 'c', kind: 'choice', outputBytes: 1, branchProbabilities: { t: 1 } },
      { id: '~join-1', kind: 'join', outputBytes: 0 },
    ];
    assert.deepEqual(nodes.map(invokesFunction), [true, true, false, false]);
  });
});
