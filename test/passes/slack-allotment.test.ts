import assert from 'node:assert/strict';
import { slackBudgets } from '../../src/passes/slack-allotment.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('slack allotment', () => {
  it("gives each step SLO × its latency / the longest path through it (a diamond worked by hand)", () => {
    // a → b → d and a → c → d; latencies a 100, b 300, c 100, d 100.
    // Longest path through a, b and d: a b d = 500; through c: a c d = 300.
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
    const latency = new Map([['a', 100], ['b', 300], ['c', 100], ['d', 100]]);
    const budgets = slackBudgets(ir, latency, 1000);
    assert.deepEqual([...budgets.keys()].sort(), ['a', 'b', 'c', 'd']);
    assert.equal(budgets.get('a'), 200);
    assert.equal(budgets.get('b'), 600);
    assert.equal(budgets.get('c'), (1000 * 100) / 300);
    assert.equal(budgets.get('d'), 200);
  });

  it('takes the longer way into and out of a step when paths join and fork', () => {
    // x → m, y → m, m → p, m → q: the longest path through m is y m q.
    const ir = irOf({ x: [], y: [], m: ['x', 'y'], p: ['m'], q: ['m'] });
    const latency = new Map([['x', 10], ['y', 50], ['m', 40], ['p', 30], ['q', 110]]);
    const budgets = slackBudgets(ir, latency, 400);
    assert.equal(budgets.get('m'), (400 * 40) / 200);
    assert.equal(budgets.get('x'), (400 * 10) / 160);
    assert.equal(budgets.get('p'), (400 * 30) / 120);
  });

  it('fits every path into the SLO: the budgets on each path sum to at most the SLO', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
    const latency = new Map([['a', 100], ['b', 300], ['c', 100], ['d', 100]]);
    const budgets = slackBudgets(ir, latency, 1000);
    for (const path of [['a', 'b', 'd'], ['a', 'c', 'd']]) {
      const sum = path.reduce((s, id) => s + budgets.get(id)!, 0);
      assert.ok(sum <= 1000 + 1e-9, `${path.join(' ')}: ${sum}`);
    }
  });

  it('gives a step of zero latency no share where its path has latency, and the whole SLO where nothing on it takes time', () => {
    const ir = irOf({ a: [], j: ['a'], b: ['j'], z: [] });
    const latency = new Map([['a', 100], ['j', 0], ['b', 100], ['z', 0]]);
    const budgets = slackBudgets(ir, latency, 1000);
    assert.equal(budgets.get('j'), 0);
    assert.equal(budgets.get('a'), 500);
    assert.equal(budgets.get('z'), 1000);
  });
});
