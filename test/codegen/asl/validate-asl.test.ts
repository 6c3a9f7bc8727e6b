// The ASL check dagc runs on every definition it writes (src/codegen/asl/validate-asl.ts), through the real
// asl-validator: what it reports, and that a rejected definition stops the emit with DAGC0421. Definitions are
// built afresh for each use, so one check cannot change what another sees.
import assert from 'node:assert/strict';
import { aslProblems, assertValidAsl } from '../../../src/codegen/asl/validate-asl.ts';
import { DagcUserError } from '../../../src/diagnostics/diagnostic.ts';

const VALID = () => ({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$' }, End: true } } });
const BAD_PATH = () => ({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', InputPath: 'no-dollar', End: true } } });
const DANGLING = () => ({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } });

describe('ASL validation of emitted definitions', () => {
  it('finds nothing wrong with a valid definition', () => {
    assert.deepEqual(aslProblems(VALID()), []);
    assert.doesNotThrow(() => assertValidAsl(VALID(), 'statemachine.asl.json'));
  });

  it('checks path syntax: a path without $ is reported as "code: message"', () => {
    assert.deepEqual(aslProblems(BAD_PATH()), ['SCHEMA_VALIDATION_FAILED: /States/A/InputPath is invalid. must match format "asl_path"']);
  });

  it('reports a transition to a state that does not exist, and the missing terminal state, each on its own', () => {
    assert.deepEqual(aslProblems(DANGLING()), ["MISSING_TRANSITION_TARGET: Missing 'StartAt'|'Next'|'Default' target: B", 'MISSING_TERMINAL_STATE: State machine fsm1 is missing a terminal state']);
  });

  it('leaves the definition it checks as it was (the validator writes into what it is given)', () => {
    for (const fresh of [VALID, DANGLING]) {
      const definition = fresh();
      aslProblems(definition);
      assert.deepEqual(definition, fresh());
    }
  });

  it('stops the emit with DAGC0421 naming the file and every problem, as a dagc bug to report', () => {
    assert.throws(
      () => assertValidAsl(DANGLING(), 'plans/x/statemachine.asl.json'),
      (error: unknown) => {
        assert.ok(error instanceof DagcUserError);
        const [diagnostic, ...rest] = error.diagnostics;
        assert.equal(rest.length, 0);
        assert.equal(diagnostic!.code, 'DAGC0421');
        assert.equal(diagnostic!.message, `dagc emitted a state machine definition that asl-validator rejects (plans/x/statemachine.asl.json): ${aslProblems(DANGLING()).join('; ')}`);
        return true;
      },
    );
  });
});
