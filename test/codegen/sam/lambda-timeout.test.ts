// A deployed Lambda's Timeout (CONTRACT-22), worked by hand on small graphs: a function's own
// timeout, a fusion group's longest chain of member timeouts (concurrent members do not add up),
// capped at 900 s, in whole seconds rounded up.
import assert from 'node:assert/strict';
import type { DeployedLambda } from '../../../src/codegen/deployed-lambdas.ts';
import { lambdaTimeoutSeconds } from '../../../src/codegen/sam/lambda-timeout.ts';
import type { IR } from '../../../src/ir/types.ts';
import { irOf } from '../../helpers/ir-builder.ts';

function withTimeouts(ir: IR, seconds: Record<string, number>): IR {
  for (const [fn, s] of Object.entries(seconds)) ir.functions.get(fn)!.timeoutMs = s * 1000;
  return ir;
}

const lambda = (kind: DeployedLambda['kind'], steps: string[]): DeployedLambda => ({ key: 'k', kind, memoryMb: 1024, architecture: 'x86_64', steps, functions: [] });

describe('lambdaTimeoutSeconds', () => {
  it('gives an unfused function its own timeout, the largest of its steps\' functions', () => {
    const ir = withTimeouts(irOf({ a: [], b: ['a'] }), { a: 30, b: 45 });
    assert.equal(lambdaTimeoutSeconds(ir, lambda('function', ['a'])), 30);
    // A function Lambda's steps never add up, even when one follows the other.
    assert.equal(lambdaTimeoutSeconds(ir, lambda('function', ['a', 'b'])), 45);
  });

  it('sums a fusion group along its longest chain; members on parallel paths do not add up', () => {
    // a(10) → b(20) → d(5) and a → c(30) → d: the longest chain is a, c, d = 45 s (not 65 s, the sum of all).
    const ir = withTimeouts(irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }), { a: 10, b: 20, c: 30, d: 5 });
    assert.equal(lambdaTimeoutSeconds(ir, lambda('group', ['a', 'b', 'c', 'd'])), 45);
    assert.equal(lambdaTimeoutSeconds(ir, lambda('group', ['a', 'b'])), 30);
    // A group of b and d: their chain is b → d (a and c are outside the group and do not count).
    assert.equal(lambdaTimeoutSeconds(ir, lambda('group', ['b', 'd'])), 25);
    // Two members with no path between them inside the group: the larger.
    assert.equal(lambdaTimeoutSeconds(ir, lambda('group', ['b', 'c'])), 30);
  });

  it('caps at Lambda\'s 900 s and rounds a fraction of a second up, never below 1 s', () => {
    const ir = withTimeouts(irOf({ a: [], b: ['a'] }), { a: 600, b: 500 });
    assert.equal(lambdaTimeoutSeconds(ir, lambda('group', ['a', 'b'])), 900);
    ir.functions.get('a')!.timeoutMs = 1_200;
    assert.equal(lambdaTimeoutSeconds(ir, lambda('function', ['a'])), 2);
    ir.functions.get('a')!.timeoutMs = 0;
    assert.equal(lambdaTimeoutSeconds(ir, lambda('function', ['a'])), 1);
  });

  it('counts a choice step as running nothing, and a function the IR does not know as Lambda\'s maximum', () => {
    const ir = withTimeouts(irOf({ a: [], g: ['a'], b: ['g'] }, { g: { choice: { b: 1 } } }), { a: 10, b: 20 });
    assert.equal(lambdaTimeoutSeconds(ir, lambda('group', ['a', 'g', 'b'])), 30);
    ir.functions.delete('b');
    assert.equal(lambdaTimeoutSeconds(ir, lambda('function', ['b'])), 900);
  });
});
