import assert from 'node:assert/strict';
import { mergeSelector } from '../../../src/codegen/asl/parallel-merge.ts';
import { DagcUserError } from '../../../src/diagnostics/diagnostic.ts';

/** Nesting depth of States.JsonMerge in an expression. */
const depth = (expression: string): number => {
  let deepest = 0;
  let open = 0;
  for (const c of expression) {
    if (c === '(') deepest = Math.max(deepest, ++open);
    if (c === ')') open -= 1;
  }
  return deepest;
};

describe('mergeSelector (a Parallel state\'s ResultSelector)', () => {
  it('takes the execution name and input from the first branch and each map of one branch as it is', () => {
    assert.deepEqual(mergeSelector(1, 'a'), { 'exec.$': '$[0].exec', 'in.$': '$[0].in', 'out.$': '$[0].out', 'sched.$': '$[0].sched' });
  });

  it('merges two branches, then three as a balanced tree with the larger half first', () => {
    assert.equal(mergeSelector(2, 'a')['out.$'], 'States.JsonMerge($[0].out, $[1].out, false)');
    assert.equal(mergeSelector(3, 'a')['sched.$'], 'States.JsonMerge(States.JsonMerge($[0].sched, $[1].sched, false), $[2].sched, false)');
    assert.equal(
      mergeSelector(5, 'a')['out.$'],
      'States.JsonMerge(States.JsonMerge(States.JsonMerge($[0].out, $[1].out, false), $[2].out, false), States.JsonMerge($[3].out, $[4].out, false), false)',
    );
  });

  it('names every branch once, in order, and nests ceil(log2 n) deep', () => {
    for (const n of [4, 7, 16, 100]) {
      const out = mergeSelector(n, 'a')['out.$']!;
      assert.deepEqual([...out.matchAll(/\$\[(\d+)\]/g)].map((m) => Number(m[1])), Array.from({ length: n }, (_, i) => i), `${n}`);
      assert.equal(depth(out), Math.ceil(Math.log2(n)), `${n}`);
    }
  });

  it('accepts 1024 branches (10 levels, Step Functions\' limit) and refuses 1025 with DAGC0430 naming the step', () => {
    assert.equal(depth(mergeSelector(1024, 'a')['out.$']!), 10);
    assert.throws(() => mergeSelector(1025, 'wide'), (error: unknown) => {
      assert.ok(error instanceof DagcUserError);
      assert.equal(error.diagnostics[0]!.code, 'DAGC0430');
      assert.match(error.diagnostics[0]!.message, /1025 branches before 'wide'/);
      return true;
    });
  });
});
