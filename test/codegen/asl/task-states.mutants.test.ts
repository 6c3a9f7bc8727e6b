// Tests from the mutation run's survivors in task-states.ts (issue 26): the
// state a Batch step becomes is a valid ASL Task that submits the job and
// waits for it (submitJob.sync), checked with the real asl-validator.
import assert from 'node:assert/strict';
import { batchTask } from '../../../src/codegen/asl/task-states.ts';
import { aslProblems } from '../../../src/codegen/asl/validate-asl.ts';

describe('ASL task states: Batch jobs', () => {
  it('runs a Batch step as a Task that waits for the job, valid ASL', () => {
    const state = batchTask('gpu', 'infer', 'infer', 'gpu');
    assert.equal(state.Type, 'Task');
    assert.equal(state.Resource, 'arn:aws:states:::batch:submitJob.sync');
    const definition = { StartAt: 'infer', States: { infer: { ...state, End: true } } };
    assert.deepEqual(aslProblems(definition), []);
  });
});
