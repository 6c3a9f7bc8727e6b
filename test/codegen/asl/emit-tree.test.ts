// emitTree on series-parallel trees written by hand: fusion groups collapse into one node when they
// are a whole subtree or a run of consecutive series children, and a group that is neither is DAGC0420.
import assert from 'node:assert/strict';
import { emitTree, type EmitTree } from '../../../src/codegen/asl/emit-tree.ts';
import { DagcUserError } from '../../../src/diagnostics/diagnostic.ts';
import type { SpTree } from '../../../src/ir/sp-tree.ts';
import { showEmitTree, withGroups } from '../../helpers/fusion-groups.ts';

const leaf = (step: string): SpTree => ({ kind: 'leaf', step });
const series = (...children: SpTree[]): SpTree => ({ kind: 'series', children });
const parallel = (...children: SpTree[]): SpTree => ({ kind: 'parallel', children });

const show = (tree: EmitTree | null): string => showEmitTree(tree, { branchSteps: true });

function code(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DagcUserError);
    return `${error.diagnostics[0]!.code} ${error.diagnostics[0]!.message}`;
  }
  return 'no error';
}

describe('emitTree', () => {
  it('keeps the tree as it is when nothing is fused', () => {
    const tree = series(leaf('a'), parallel(leaf('b'), series(leaf('c'), leaf('d'))), leaf('e'));
    assert.equal(show(emitTree(tree, withGroups({}))), 'a;(b|c;d);e');
  });

  it('collapses a run of consecutive series children into one group, in the group\'s own order', () => {
    const tree = series(leaf('a'), leaf('b'), leaf('c'), leaf('d'));
    assert.equal(show(emitTree(tree, withGroups({ g: ['b', 'c'] }))), 'a;[g:b,c];d');
    assert.equal(show(emitTree(tree, withGroups({ g: ['a', 'b'], h: ['c', 'd'] }))), '[g:a,b];[h:c,d]');
    // A run may take a whole parallel child with it.
    const withParallel = series(leaf('a'), parallel(leaf('b'), leaf('c')), leaf('d'));
    assert.equal(show(emitTree(withParallel, withGroups({ g: ['a', 'b', 'c'] }))), '[g:a,b,c];d');
  });

  it('collapses a group that is a whole subtree: a parallel, a series, or the whole workflow', () => {
    const tree = series(leaf('a'), parallel(leaf('b'), leaf('c')), leaf('d'));
    assert.equal(show(emitTree(tree, withGroups({ g: ['b', 'c'] }))), 'a;[g:b,c];d');
    assert.equal(show(emitTree(tree, withGroups({ all: ['a', 'b', 'c', 'd'] }))), '[all:a,b,c,d]');
    const nested = parallel(series(leaf('a'), leaf('b')), leaf('c'));
    assert.equal(show(emitTree(nested, withGroups({ g: ['a', 'b'] }))), '([g:a,b]|c)');
  });

  it('keeps each choice branch with its probability and its steps, an empty branch as nothing, a fused branch as its group', () => {
    const tree: SpTree = series(leaf('s'), { kind: 'choice', choiceStep: 'g', branches: [{ probability: 0.25, tree: series(leaf('x'), leaf('y')) }, { probability: 0.75, tree: null }] }, leaf('j'));
    assert.equal(show(emitTree(tree, withGroups({}))), 's;g?{0.25:x;y/x,y,0.75:∅/};j');
    const twoBranches: SpTree = { kind: 'choice', choiceStep: 'g', branches: [{ probability: 0.25, tree: series(leaf('x'), leaf('y')) }, { probability: 0.75, tree: leaf('z') }] };
    assert.equal(show(emitTree(twoBranches, withGroups({ xy: ['x', 'y'] }))), 'g?{0.25:[xy:x,y]/x,y,0.75:z/z}');
  });

  it('keeps the Choice state of a choice whose only non-empty branch is one group, and refuses a group reaching across a choice', () => {
    // s → g? {0.25: x;y | 0.75: nothing} → j with x and y fused: the group runs in a quarter of the executions, so the
    // choice must stay around it (collapsing the choice into the group's Task would run it in every execution).
    const tree: SpTree = series(leaf('s'), { kind: 'choice', choiceStep: 'g', branches: [{ probability: 0.25, tree: series(leaf('x'), leaf('y')) }, { probability: 0.75, tree: null }] }, leaf('j'));
    assert.equal(show(emitTree(tree, withGroups({ xy: ['x', 'y'] }))), 's;g?{0.25:[xy:x,y]/x,y,0.75:∅/};j');
    // A group of the choice's only branch and the step after it would fuse across the Choice state: not renderable.
    assert.match(code(() => emitTree(tree, withGroups({ xyj: ['x', 'y', 'j'] }))), /^DAGC0420 fusion group 'xyj'/);
  });

  it('rejects a group whose members are not consecutive (DAGC0420, naming the group and its steps)', () => {
    const tree = series(leaf('a'), leaf('b'), leaf('c'));
    assert.match(code(() => emitTree(tree, withGroups({ ac: ['a', 'c'] }))), /^DAGC0420 fusion group 'ac' \(a, c\)/);
    // Across a parallel: b and d are in different branches' reach.
    const across = series(leaf('a'), parallel(leaf('b'), leaf('c')), leaf('d'));
    assert.match(code(() => emitTree(across, withGroups({ bd: ['b', 'd'] }))), /^DAGC0420 fusion group 'bd' \(b, d\)/);
    // Part of a parallel only.
    const partial = parallel(leaf('a'), leaf('b'), leaf('c'));
    assert.match(code(() => emitTree(partial, withGroups({ ab: ['a', 'b'] }))), /^DAGC0420 fusion group 'ab'/);
  });

  it('rejects a group the tree does not hold at all, and a run whose steps are not the group\'s members', () => {
    const tree = series(leaf('a'), leaf('b'));
    const ghost = withGroups({});
    ghost.groups!.ghost = { steps: ['x', 'y'], memoryMb: 1024, architecture: 'x86_64' };
    assert.match(code(() => emitTree(tree, ghost)), /^DAGC0420 fusion group 'ghost' \(x, y\)/);
    // a and b say they are in g, but g's members are a and z.
    const inconsistent = withGroups({ g: ['a', 'z'] });
    inconsistent.steps.b = { fusionGroup: 'g' };
    assert.match(code(() => emitTree(series(leaf('a'), leaf('b'), leaf('c')), inconsistent)), /^DAGC0420 fusion group 'g' \(a, z\)/);
  });

  it('does not merge a run into a group when the next child belongs to another group', () => {
    const tree = series(leaf('a'), leaf('b'), leaf('c'));
    assert.match(code(() => emitTree(tree, withGroups({ g: ['a', 'c'], h: ['b'] }))), /^DAGC0420 fusion group 'g'/);
    assert.equal(show(emitTree(tree, withGroups({ g: ['a'], h: ['b', 'c'] }))), '[g:a];[h:b,c]');
  });
});
