import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { emitAsl, type AslDefinition } from '../../../src/codegen/asl/emit-asl.ts';
import { choiceState, thresholdHex } from '../../../src/codegen/asl/choice-states.ts';
import { aslProblems } from '../../../src/codegen/asl/validate-asl.ts';
import { LAMBDA_TRANSIENT_ERRORS } from '../../../src/codegen/asl/task-states.ts';
import { deployedLambdas } from '../../../src/codegen/deployed-lambdas.ts';
import { dataFlow } from '../../../src/codegen/functions/data-flow.ts';
import { logicalId, stateName } from '../../../src/codegen/names.ts';
import { DagcUserError } from '../../../src/diagnostics/diagnostic.ts';
import { currentDeployment, type Deployment } from '../../../src/ir/deployment.ts';
import { toSeriesParallel } from '../../../src/ir/series-parallelize.ts';
import type { IR } from '../../../src/ir/types.ts';
import { drawBranch } from '../../../src/runtime/choice-draw.ts';
import { irOf } from '../../helpers/ir-builder.ts';
import { projectRoot } from '../../helpers/run-cli.ts';

function render(ir: IR, deployment: Deployment = currentDeployment(ir)): AslDefinition {
  const staged = toSeriesParallel(ir);
  return emitAsl(ir, deployment, staged, dataFlow(ir, deployment, staged));
}

type State = { Type: string; Next?: string; End?: boolean; Resource?: string; Retry?: Array<{ ErrorEquals: string[] }>; Parameters?: { FunctionName?: string }; Branches?: Array<{ States: Record<string, State> }>; ItemProcessor?: { States: Record<string, State> } };

function allStates(states: Record<string, State>): Array<[string, State]> {
  return Object.entries(states).flatMap(([name, s]) => [[name, s] as [string, State], ...(s.Branches ?? []).flatMap((b) => allStates(b.States)), ...(s.ItemProcessor ? allStates(s.ItemProcessor.States) : [])]);
}

/** The top-level states in execution order (following Next; a Choice ends the walk). */
function mainLine(definition: AslDefinition): string[] {
  const line: string[] = [];
  let name: string | undefined = definition.StartAt;
  while (name !== undefined) {
    line.push(name);
    name = (definition.States[name] as State).Next;
  }
  return line;
}

describe('ASL emitter', () => {
  const committed = readdirSync(path.join(projectRoot, 'plans')).filter((app) => existsSync(path.join(projectRoot, 'plans', app, 'statemachine.asl.json'))).sort();

  for (const app of committed) {
    it(`plans/${app}/statemachine.asl.json passes asl-validator and invokes exactly the plan's Lambdas with retries`, () => {
      const definition = JSON.parse(readFileSync(path.join(projectRoot, 'plans', app, 'statemachine.asl.json'), 'utf8')) as { States: Record<string, State> };
      assert.deepEqual(aslProblems(definition), []);
      const tasks = allStates(definition.States).filter(([, s]) => s.Resource === 'arn:aws:states:::lambda:invoke');
      assert.ok(tasks.length > 0);
      for (const [name, task] of tasks) {
        assert.match(task.Parameters!.FunctionName!, /^\$\{Fn[A-Za-z0-9]+Arn\}$/, name);
        assert.deepEqual(task.Retry![0]!.ErrorEquals, LAMBDA_TRANSIENT_ERRORS, name);
      }
    });
  }

  it('the validator check can fail: a dangling Next is reported', () => {
    const broken = { StartAt: 'a', States: { a: { Type: 'Pass', Next: 'nowhere' } } };
    assert.ok(aslProblems(broken).length > 0);
    assert.deepEqual(broken.States.a, { Type: 'Pass', Next: 'nowhere' }, 'the definition it was given is not mutated');
  });

  it('names every deployed Lambda by its CONTRACT-22 placeholder, a fusion group by one Task and no Task for its members', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'], d: ['c'] });
    const deployment = currentDeployment(ir);
    deployment.groups = { bc: { steps: ['b', 'c'], memoryMb: 2048, architecture: 'arm64' } };
    deployment.steps = { b: { fusionGroup: 'bc' }, c: { fusionGroup: 'bc' } };
    const definition = render(ir, deployment);
    assert.deepEqual(aslProblems(definition), []);
    assert.deepEqual(mainLine(definition).slice(1, -1), ['a', 'bc', 'd']);
    const placeholders = allStates(definition.States as Record<string, State>).map(([, s]) => s.Parameters?.FunctionName).filter(Boolean).sort();
    assert.deepEqual(placeholders, deployedLambdas(ir, deployment).map((l) => `\${${logicalId('Fn', l.key)}Arn}`).sort());
  });

  it('rejects a fusion group that is not one contiguous part of the structure (DAGC0420)', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] });
    const deployment = currentDeployment(ir);
    deployment.groups = { ac: { steps: ['a', 'c'], memoryMb: 1024, architecture: 'x86_64' } };
    deployment.steps = { a: { fusionGroup: 'ac' }, c: { fusionGroup: 'ac' } };
    assert.throws(() => render(ir, deployment), (e: unknown) => e instanceof DagcUserError && e.diagnostics[0]!.code === 'DAGC0420');
  });

  it('emits a DAG that is not series-parallel as consecutive Parallel states, one per stage', () => {
    // The N shape a→c, b→c, b→d is not series-parallel: stages {a,b} then {c,d}.
    const ir = irOf({ a: [], b: [], c: ['a', 'b'], d: ['b'] });
    const definition = render(ir);
    assert.deepEqual(aslProblems(definition), []);
    const line = mainLine(definition).slice(1, -1).map((n) => (definition.States[n] as State).Type);
    assert.deepEqual(line, ['Parallel', 'Parallel']);
  });

  it('chunks a bundled map by its bundle size and sets MaxConcurrency and the Distributed mode from the plan', () => {
    const ir = irOf({ s: [], m: ['s'] }, { m: { map: { kind: 'fixed', width: 10 } } });
    const deployment = currentDeployment(ir);
    deployment.steps = { m: { bundleSize: 4, map: { mode: 'distributed', maxConcurrency: 5 } } };
    const staged = toSeriesParallel(ir);
    const flow = dataFlow(ir, deployment, staged);
    assert.deepEqual(flow.schedules.get('s'), { s: [{ map: 'm', bundleSize: 4 }] }, 's writes the chunk list of m');
    const map = render(ir, deployment).States.m as State & { MaxConcurrency: number; ItemsPath: string; ItemProcessor: { ProcessorConfig: unknown } };
    assert.equal(map.MaxConcurrency, 5);
    assert.equal(map.ItemsPath, '$.sched.m');
    assert.deepEqual(map.ItemProcessor.ProcessorConfig, { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' });
  });

  it('a Choice on the hashed draw takes the branch choice-draw.ts draws, for any seed and probabilities', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 4 }), fc.constantFrom('gate', 'x y', 'ünï'), (seed, weights, choice) => {
        const total = weights.reduce((a, b) => a + b, 0);
        if (total === 0) return;
        const probabilities = Object.fromEntries(weights.map((w, i) => [`b${i}`, w / total]));
        const state = choiceState(stateName(choice), probabilities, (b) => b) as { Choices: Array<{ StringLessThan?: string; IsPresent?: boolean; Next: string }>; Default: string };
        // What Step Functions computes: States.Hash(States.Format('{}\0<id>', seed), 'SHA-256'), lowercase hex.
        const digest = createHash('sha256').update(`${seed}\u0000${choice}`).digest('hex');
        const rule = state.Choices.find((r) => (r.StringLessThan !== undefined ? digest < r.StringLessThan : r.IsPresent === true));
        assert.equal(rule?.Next ?? state.Default, drawBranch(seed, choice, probabilities));
      }),
    );
  });

  it('orders a Choice\'s branches by id whatever order the spec lists them in, the last one the Default', () => {
    const state = choiceState('gate', { z: 0.2, a: 0.5, m: 0.3 }, (b) => `to-${b}`);
    assert.deepEqual(state, {
      Type: 'Choice',
      Choices: [
        { Variable: '$.draw.gate.u', StringLessThan: thresholdHex(0.5), Next: 'to-a' },
        { Variable: '$.draw.gate.u', StringLessThan: thresholdHex(0.8), Next: 'to-m' },
      ],
      Default: 'to-z',
    });
  });

  it('leaves out branches of probability 0, and with none left takes the first branch by id, unconditionally', () => {
    const skipping = choiceState('gate', { c: 0, b: 0.5, a: 0.5 }, (b) => b) as { Choices: Array<{ Next: string }>; Default: string };
    assert.deepEqual([skipping.Choices.map((c) => c.Next), skipping.Default], [['a'], 'b']);
    assert.deepEqual(choiceState('gate', { b: 0, a: 0 }, (b) => b), { Type: 'Choice', Choices: [{ Variable: '$.draw.gate.u', IsPresent: true, Next: 'a' }], Default: 'a' });
  });

  it('thresholds are ceil(c · 2^48) in 12 hex digits', () => {
    assert.equal(thresholdHex(0.5), '800000000000');
    assert.equal(thresholdHex(0.3), '4ccccccccccd');
  });
});
