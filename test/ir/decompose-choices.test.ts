// decompose on choices whose branches are more than one step: a branch's weight
// comes from the step it enters by (a series' entry is its first child, its
// exit its last), so multi-step branches, branches that fork inside, empty
// branches and choices nested in a branch must all keep their probabilities.
// Expected trees are written by hand from the graphs.
import assert from 'node:assert/strict';
import { decompose } from '../../src/ir/decompose.ts';
import { formatSpTree, type SpTree } from '../../src/ir/sp-tree.ts';
import type { IR } from '../../src/ir/types.ts';
import { irOf } from '../helpers/ir-builder.ts';

function treeOf(ir: IR): SpTree {
  const result = decompose(ir);
  assert.ok(result.ok, 'the workflow is series-parallel');
  return result.tree;
}

/** The choice node of a choice step, wherever it is in the tree. */
function choiceNode(tree: SpTree | null, choiceStep: string): Extract<SpTree, { kind: 'choice' }> | undefined {
  if (tree === null || tree.kind === 'leaf') return undefined;
  if (tree.kind === 'choice') {
    if (tree.choiceStep === choiceStep) return tree;
    for (const b of tree.branches) {
      const found = choiceNode(b.tree, choiceStep);
      if (found) return found;
    }
    return undefined;
  }
  for (const c of tree.children) {
    const found = choiceNode(c, choiceStep);
    if (found) return found;
  }
  return undefined;
}

/** The steps a tree starts with and ends with, read off the graph's meaning of series and parallel. */
function ends(tree: SpTree): { first: string[]; last: string[] } {
  switch (tree.kind) {
    case 'leaf':
      return { first: [tree.step], last: [tree.step] };
    case 'series':
      return { first: ends(tree.children[0]!).first, last: ends(tree.children[tree.children.length - 1]!).last };
    case 'parallel':
      return { first: tree.children.flatMap((c) => ends(c).first), last: tree.children.flatMap((c) => ends(c).last) };
    case 'choice':
      return { first: tree.branches.flatMap((b) => (b.tree ? ends(b.tree).first : [])), last: tree.branches.flatMap((b) => (b.tree ? ends(b.tree).last : [])) };
  }
}

/** Every branch enters from the choice step and leaves into `join`; its probability is the spec's for the step it enters by. */
function assertBranches(ir: IR, tree: SpTree, choiceStep: string, join: string, expected: Record<string, number>): void {
  const node = choiceNode(tree, choiceStep)!;
  assert.ok(node, `a choice node for ${choiceStep}`);
  const successors = new Set(ir.graph.successors(choiceStep));
  const intoJoin = new Set(ir.graph.predecessors(join));
  const seen: Record<string, number> = {};
  for (const branch of node.branches) {
    if (branch.tree === null) {
      seen['∅'] = branch.probability;
      continue;
    }
    const { first, last } = ends(branch.tree);
    for (const step of first) assert.ok(successors.has(step), `${step} is entered from ${choiceStep}`);
    for (const step of last) assert.ok(intoJoin.has(step), `${step} leads into ${join}`);
    seen[first[0]!] = branch.probability;
  }
  assert.deepEqual(seen, expected);
}

describe('decompose: choices with multi-step branches', () => {
  it('keeps the probabilities of two multi-step branches, each a series entered by its first step', () => {
    const ir = irOf({ s: [], g: ['s'], x: ['g'], x2: ['x'], y: ['g'], y2: ['y'], y3: ['y2'], j: ['x2', 'y3'] }, { g: { choice: { x: 0.3, y: 0.7 } } });
    const tree = treeOf(ir);
    assert.equal(formatSpTree(tree), 's;g;g?{0.3:x;x2,0.7:y;y2;y3};j');
    assertBranches(ir, tree, 'g', 'j', { x: 0.3, y: 0.7 });
  });

  it('keeps the weight of a multi-step branch beside a one-step branch (0.8 on the long one)', () => {
    const ir = irOf({ g: [], x: ['g'], x2: ['x'], x3: ['x2'], y: ['g'], j: ['x3', 'y'] }, { g: { choice: { x: 0.8, y: 0.2 } } });
    const tree = treeOf(ir);
    assert.equal(formatSpTree(tree), 'g;g?{0.8:x;x2;x3,0.2:y};j');
    assertBranches(ir, tree, 'g', 'j', { x: 0.8, y: 0.2 });
  });

  it('weighs a branch that forks inside (x, then p;p2 beside q, then m) by its entry step x', () => {
    const ir = irOf({ g: [], x: ['g'], p: ['x'], p2: ['p'], q: ['x'], m: ['p2', 'q'], y: ['g'], j: ['m', 'y'] }, { g: { choice: { x: 0.35, y: 0.65 } } });
    const tree = treeOf(ir);
    assert.equal(formatSpTree(tree), 'g;g?{0.35:x;((p;p2)|q);m,0.65:y};j');
    assertBranches(ir, tree, 'g', 'j', { x: 0.35, y: 0.65 });
  });

  it('gives a branch straight to the join (empty) its probability beside a multi-step one', () => {
    const ir = irOf({ g: [], x: ['g'], x2: ['x'], j: ['x2', 'g'] }, { g: { choice: { x: 0.6, j: 0.4 } } });
    const tree = treeOf(ir);
    assert.equal(formatSpTree(tree), 'g;g?{0.4:∅,0.6:x;x2};j');
    assertBranches(ir, tree, 'g', 'j', { '∅': 0.4, x: 0.6 });
  });

  it('keeps three branches of different lengths apart (0.2, 0.3, 0.5)', () => {
    const ir = irOf({ g: [], x: ['g'], x2: ['x'], y: ['g'], z: ['g'], z2: ['z'], z3: ['z2'], j: ['x2', 'y', 'z3'] }, { g: { choice: { x: 0.2, y: 0.3, z: 0.5 } } });
    const tree = treeOf(ir);
    assert.equal(formatSpTree(tree), 'g;g?{0.2:x;x2,0.3:y,0.5:z;z2;z3};j');
    assertBranches(ir, tree, 'g', 'j', { x: 0.2, y: 0.3, z: 0.5 });
  });

  it('nests a choice inside a multi-step branch of another, each with its own probabilities', () => {
    const ir = irOf(
      { s: [], g: ['s'], x: ['g'], h: ['x'], u: ['h'], u2: ['u'], v: ['h'], k: ['u2', 'v'], y: ['g'], y2: ['y'], j: ['k', 'y2'] },
      { g: { choice: { x: 0.4, y: 0.6 } }, h: { choice: { u: 0.25, v: 0.75 } } },
    );
    const tree = treeOf(ir);
    assert.equal(formatSpTree(tree), 's;g;g?{0.4:x;h;h?{0.25:u;u2,0.75:v};k,0.6:y;y2};j');
    assertBranches(ir, tree, 'g', 'j', { x: 0.4, y: 0.6 });
    assertBranches(ir, tree, 'h', 'k', { u: 0.25, v: 0.75 });
  });

  it('nests a choice as the whole of a branch after its entry step, and a choice whose branches both fork', () => {
    const ir = irOf(
      { g: [], x: ['g'], h: ['x'], u: ['h'], v: ['h'], v2: ['v'], k: ['u', 'v2'], y: ['g'], a: ['y'], b: ['y'], y3: ['a', 'b'], j: ['k', 'y3'] },
      { g: { choice: { x: 0.9, y: 0.1 } }, h: { choice: { u: 0.5, v: 0.5 } } },
    );
    const tree = treeOf(ir);
    assert.equal(formatSpTree(tree), 'g;g?{0.1:y;(a|b);y3,0.9:x;h;h?{0.5:u,0.5:v;v2};k};j');
    assertBranches(ir, tree, 'g', 'j', { x: 0.9, y: 0.1 });
    assertBranches(ir, tree, 'h', 'k', { u: 0.5, v: 0.5 });
  });
});
