// Property: for random structured definitions (series, Parallel, Map and
// Choice nested at random, with Pass states, empty branches and Fail
// outcomes), the imported app validates and has the definition's shape.
// The importer (data flow through the state graph) and aslShape (structured
// recursion) are independent, so this checks one against the other.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { aslShape, formatShape, irShape } from '../../src/import/asl-structure.ts';
import { importForTest } from '../helpers/import-app.ts';

type Tree =
  | { kind: 'task' }
  | { kind: 'pass' }
  | { kind: 'fail' }
  | { kind: 'series'; children: Tree[] }
  | { kind: 'parallel'; children: Tree[] }
  | { kind: 'map'; body: Tree }
  | { kind: 'choice'; branches: Tree[] };

// Branches that run tasks and then fail are not generated: with Parallel
// branches that always fail around them the two reductions can differ (see
// docs/import.md, Limits); the common cases (notify then fail, a partial
// rejoin of the other branches) are in structure-check.test.ts.
const tree = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant<Tree>({ kind: 'task' }),
    fc.constant<Tree>({ kind: 'pass' }),
    fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((children): Tree => ({ kind: 'series', children })),
    fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((children): Tree => ({ kind: 'parallel', children })),
    tie('tree').map((body): Tree => ({ kind: 'map', body })),
    fc.array(fc.oneof(tie('tree'), fc.constant<Tree>({ kind: 'fail' })), { minLength: 2, maxLength: 3 }).map((branches): Tree => ({ kind: 'choice', branches })),
  ),
})).tree;

/** Renders a tree as one ASL scope; every state name is unique across the definition. */
function toAsl(root: Tree): object {
  let count = 0;
  const scope = (t: Tree): object => {
    const states: Record<string, unknown> = {};
    const end = `End ${++count}`;
    states[end] = { Type: 'Succeed' };
    const startAt = render(t, end, states);
    return { StartAt: startAt, States: states };
  };
  const render = (t: Tree, next: string, states: Record<string, unknown>): string => {
    const name = `${t.kind} ${++count}`;
    switch (t.kind) {
      case 'task':
        states[name] = { Type: 'Task', Resource: `arn:aws:lambda:us-east-1:123456789012:function:fn${count % 4}`, Next: next };
        return name;
      case 'pass':
        states[name] = { Type: 'Pass', Next: next };
        return name;
      case 'fail':
        states[name] = { Type: 'Fail' };
        return name;
      case 'series':
        return t.children.reduceRight((after, child) => render(child, after, states), next);
      case 'parallel':
        states[name] = { Type: 'Parallel', Branches: t.children.map(scope), Next: next };
        return name;
      case 'map':
        states[name] = { Type: 'Map', ItemProcessor: scope(t.body), Next: next };
        return name;
      case 'choice': {
        const targets = t.branches.map((b) => render(b, next, states));
        states[name] = { Type: 'Choice', Choices: targets.slice(1).map((to, i) => ({ Variable: `$.v${i}`, IsPresent: true, Next: to })), Default: targets[0] };
        return name;
      }
    }
  };
  return scope(root);
}

describe('dagc import on random structured definitions', () => {
  it('keeps the shape of every definition that runs a task, and refuses the others with DAGC0544 (property)', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const definition = toAsl(t);
        let imported;
        try {
          imported = importForTest(definition);
        } catch (error) {
          assert.ok(isUserError(error), String(error));
          assert.equal(error.diagnostics[0]!.code, 'DAGC0544');
          assert.equal(formatShape(aslShape(definition)), '[]');
          return;
        }
        const fromIr = irShape(imported.ir, imported.stateOf);
        assert.ok(fromIr, 'series-parallel');
        assert.equal(formatShape(fromIr), formatShape(aslShape(definition)));
      }),
      { seed: 24, numRuns: 400 },
    );
  });
});
