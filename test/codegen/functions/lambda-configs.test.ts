import assert from 'node:assert/strict';
import type { DeployedLambda } from '../../../src/codegen/deployed-lambdas.ts';
import { lambdaTimeoutMs } from '../../../src/codegen/functions/lambda-configs.ts';
import { irOf } from '../../helpers/ir-builder.ts';

const lambda = (kind: DeployedLambda['kind'], steps: string[]): DeployedLambda => ({ key: 'k', kind, memoryMb: 1024, architecture: 'x86_64', steps, functions: [] });

describe('lambdaTimeoutMs (the local run\'s Lambda timeout)', () => {
  it('gives a function Lambda the largest timeout of its steps and a group the sum of its members\', capped at 900 s', () => {
    const ir = irOf({ a: [], b: ['a'], g: ['b'] }, { g: { choice: { x: 1 } } });
    ir.functions.get('a')!.timeoutMs = 30_000;
    ir.functions.get('b')!.timeoutMs = 45_000;
    assert.equal(lambdaTimeoutMs(ir, lambda('function', ['a', 'b'])), 45_000);
    assert.equal(lambdaTimeoutMs(ir, lambda('group', ['a', 'b', 'g'])), 75_000);
    ir.functions.get('a')!.timeoutMs = 880_000;
    assert.equal(lambdaTimeoutMs(ir, lambda('group', ['a', 'b'])), 900_000);
    assert.equal(lambdaTimeoutMs(ir, lambda('function', ['g'])), 0);
  });
});
