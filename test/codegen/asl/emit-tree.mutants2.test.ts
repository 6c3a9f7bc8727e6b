// emitTree's group collapsing on the shapes emit-tree.test.ts leaves out (issue 26, the emit-tree.ts survivors of
// bench/results/mutation-src-codegen-2026-12-07b.txt, reviewed in bench/results/mutation-src-codegen-review-rvmodel.txt):
// a group that is a whole subtree outside a series run, a run that meets a choice, groups spread over parallels, and
// plans whose groups and steps disagree (plan.json is read with its schema only, so emitTree is where they are caught).
// Every expected tree and message is written by hand from the header's rule: a group is one whole subtree or a run
// of consecutive series children holding exactly its members; anything else is DAGC0420.
import assert from 'node:assert/strict';
import { emitTree, type EmitTree } from '../../../src/codegen/asl/emit-tree.ts';
import { DagcUserError } from '../../../src/diagnostics/diagnostic.ts';
import type { SpTree } from '../../../src/ir/sp-tree.ts';
import { showEmitTree, withGroups } from '../../helpers/fusion-groups.ts';

const leaf = (step: string): SpTree => ({ kind: 'leaf', step });
const series = (...children: SpTree[]): SpTree => ({ kind: 'series', children });
const parallel = (...children: SpTree[]): SpTree => ({ kind: 'parallel', children });
const choice = (choiceStep: string, ...branches: Array<[number, SpTree | null]>): SpTree => ({
  kind: 'choice',
  choiceStep,
  branches: branches.map(([probability, tree]) => ({ probability, tree })),
});

const show = (tree: EmitTree | null): string => showEmitTree(tree);

/** The first diagnostic's code and message, or 'no error: <tree>'; anything but a DagcUserError fails the test. */
function outcome(run: () => EmitTree): string {
  try {
    return `no error: ${show(run())}`;
  } catch (error) {
    assert.ok(error instanceof DagcUserError, `not a user error: ${String(error)}`);
    return `${error.diagnostics[0]!.code} ${error.diagnostics[0]!.message}`;
  }
}

describe('emitTree: groups outside series runs, runs meeting choices, inconsistent plans', () => {
  it('returns a group that is the whole workflow as that one group node, not a series around it', () => {
    assert.deepEqual(emitTree(series(leaf('a'), leaf('b')), withGroups({ all: ['a', 'b'] })), { kind: 'group', group: 'all', steps: ['a', 'b'] });
  });

  it('collapses a group that is a whole parallel choice branch, and a one-step group that is a parallel branch', () => {
    // No series run reaches these: only the whole-subtree rule can collapse them.
    const fusedBranch = choice('c', [0.5, parallel(leaf('a'), leaf('b'))], [0.5, null]);
    assert.equal(outcome(() => emitTree(fusedBranch, withGroups({ ab: ['a', 'b'] }))), 'no error: c?{0.5:[ab:a,b],0.5:∅}');
    assert.equal(outcome(() => emitTree(parallel(leaf('a'), leaf('b')), withGroups({ g: ['a'] }))), 'no error: ([g:a]|b)');
  });

  it('refuses a run that would swallow a choice whose branches hold the rest of the group (DAGC0420)', () => {
    // x;c?{y|nothing};z with x and y fused: one Task for both would run y in every execution.
    const tree = series(leaf('x'), choice('c', [0.5, leaf('y')], [0.5, null]), leaf('z'));
    assert.match(outcome(() => emitTree(tree, withGroups({ xy: ['x', 'y'] }))), /^DAGC0420 fusion group 'xy' \(x, y\) is not one contiguous part/);
  });

  it('refuses a group spread over two parallels, each holding as many steps as the group has (DAGC0420)', () => {
    const tree = series(parallel(leaf('a'), leaf('b')), parallel(leaf('c'), leaf('d')));
    assert.match(outcome(() => emitTree(tree, withGroups({ ac: ['a', 'c'] }))), /^DAGC0420 fusion group 'ac' \(a, c\)/);
  });

  it('names the smallest unplaced group id first, whatever order plan.json lists the groups in', () => {
    const deployment = withGroups({});
    deployment.groups!.zeta = { steps: ['p', 'q'], memoryMb: 1024, architecture: 'x86_64' };
    deployment.groups!.alpha = { steps: ['r', 's'], memoryMb: 1024, architecture: 'x86_64' };
    assert.equal(outcome(() => emitTree(series(leaf('a'), leaf('b')), deployment)).split(' (')[0], "DAGC0420 fusion group 'alpha'");
  });

  it('reports a step naming a group the plan does not list as DAGC0420 naming that step', () => {
    const deployment = withGroups({});
    deployment.steps.a = { fusionGroup: 'g' };
    assert.match(outcome(() => emitTree(leaf('a'), deployment)), /^DAGC0420 fusion group 'g' \(a\) is not/);
    assert.match(outcome(() => emitTree(series(leaf('a'), leaf('b')), deployment)), /^DAGC0420 fusion group 'g' \(a\) is not/);
  });

  it('refuses a parallel whose steps the group lists when one of them does not name the group (DAGC0420)', () => {
    const deployment = withGroups({ g: ['a', 'b'] });
    delete deployment.steps.b;
    assert.match(outcome(() => emitTree(series(parallel(leaf('a'), leaf('b')), leaf('c')), deployment)), /^DAGC0420 fusion group 'g' \(a, b\)/);
  });

  it('refuses a run completed by a child holding a step the group lists but which does not name it (DAGC0420)', () => {
    const deployment = withGroups({ g: ['a', 'b', 'c'] });
    delete deployment.steps.c;
    assert.match(outcome(() => emitTree(series(leaf('a'), parallel(leaf('b'), leaf('c'))), deployment)), /^DAGC0420 fusion group 'g' \(a, b, c\)/);
  });
});
