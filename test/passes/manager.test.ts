import assert from 'node:assert/strict';
import { Graph } from '@dagrejs/graphlib';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { EdgeData, IR, StepNode } from '../../src/ir/types.ts';
import { DecisionLog } from '../../src/passes/decision-log.ts';
import { PassInvariantError, runPasses } from '../../src/passes/manager.ts';
import type { Pass, PassContext } from '../../src/passes/pass.ts';
import { irOf } from '../helpers/ir-builder.ts';

const CONTEXT = { slo: { percentile: 'p95', latencyMs: 1 } } as PassContext;

/** A pass that sets one function's memory and logs what it saw. */
function setMemory(name: string, memoryMb: number): Pass {
  return {
    name,
    summary: `set f to ${memoryMb} MB`,
    run(state, context) {
      const log = new DecisionLog(name);
      log.record('passed', 'f', `saw ${state.deployment.functions['f']!.memoryMb} MB, SLO ${context.slo.latencyMs} ms`);
      const deployment: Deployment = { ...state.deployment, functions: { ...state.deployment.functions, f: { memoryMb, architecture: 'x86_64' } } };
      return { ir: state.ir, deployment, decisions: log.list() };
    },
  };
}

/** A pass that hands on an IR with no steps, which verify() rejects. */
const emptying: Pass = {
  name: 'emptying',
  summary: 'drops every step',
  run(state) {
    const ir: IR = { ...state.ir, graph: new Graph<undefined, StepNode, EdgeData>({ directed: true }) };
    return { ir, deployment: state.deployment, decisions: [] };
  },
};

describe('pass manager', () => {
  it('runs the passes in order, each on what the previous one returned, and gathers their decisions', () => {
    const ir = irOf({ f: [] });
    const result = runPasses([setMemory('one', 256), setMemory('two', 512)], { ir, deployment: currentDeployment(ir) }, CONTEXT);
    assert.equal(result.ir, ir);
    assert.equal(result.deployment.functions['f']!.memoryMb, 512);
    assert.deepEqual(result.decisions.map((d) => [d.pass, d.chosen]), [['one', 'saw 1024 MB, SLO 1 ms'], ['two', 'saw 256 MB, SLO 1 ms']]);
  });

  it('blames the pass that broke the IR when verifying between passes, and only then', () => {
    const ir = irOf({ f: [] });
    const passes = [setMemory('one', 256), emptying, setMemory('two', 512)];
    assert.throws(
      () => runPasses(passes, { ir, deployment: currentDeployment(ir) }, CONTEXT, { verifyBetweenPasses: true }),
      (error: unknown) => {
        assert.ok(error instanceof PassInvariantError);
        assert.equal(error.pass, 'emptying');
        assert.equal(error.name, 'PassInvariantError');
        assert.ok(error.problems.length > 0);
        assert.match(error.message, new RegExp(`^pass 'emptying' broke the IR:\\n  ${error.problems[0]!.code} `));
        return true;
      },
    );
    // Without verification the broken IR is handed on: the next pass still runs.
    const unverified = runPasses(passes, { ir, deployment: currentDeployment(ir) }, CONTEXT);
    assert.equal(unverified.ir.graph.nodeCount(), 0);
    assert.deepEqual(unverified.decisions.map((d) => d.pass), ['one', 'two']);
  });

  it('passes a valid IR through verification untouched', () => {
    const ir = irOf({ f: [] });
    const result = runPasses([setMemory('one', 256)], { ir, deployment: currentDeployment(ir) }, CONTEXT, { verifyBetweenPasses: true });
    assert.equal(result.deployment.functions['f']!.memoryMb, 256);
  });

  it('lists every problem of the broken IR in the error message, one a line', () => {
    const ir = irOf({ f: [] });
    const breaking: Pass = {
      name: 'breaking',
      summary: 'gives f an impossible memory and timeout',
      run(state) {
        const functions = new Map(state.ir.functions);
        functions.set('f', { ...functions.get('f')!, memoryMb: 0, timeoutMs: -1 });
        return { ir: { ...state.ir, functions }, deployment: state.deployment, decisions: [] };
      },
    };
    assert.throws(
      () => runPasses([breaking], { ir, deployment: currentDeployment(ir) }, CONTEXT, { verifyBetweenPasses: true }),
      (error: PassInvariantError) => {
        assert.equal(error.problems.length, 2);
        assert.equal(error.message, `pass 'breaking' broke the IR:\n${error.problems.map((p) => `  ${p.code} ${p.message}`).join('\n')}`);
        return true;
      },
    );
  });
});
