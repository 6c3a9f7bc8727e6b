import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import { dataPassingPass, chooseDataPassing, DATA_PASSING, worstCaseBytes } from '../../src/passes/data-passing.ts';
import { defaultDataPassingMode } from '../../src/passes/data-passing-default.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { irOf } from '../helpers/ir-builder.ts';

const KB = 1024;
const LIMIT = 256 * KB;

function plain(overrides: Partial<Deployment> = {}): Deployment {
  return { functions: {}, steps: {}, edges: {}, orchestration: 'standard', ...overrides };
}

/** Never read by the data-passing pass: it judges bytes against limits only. */
const CONTEXT = {} as PassContext;

describe('data passing', () => {
  it("gives an edge the default mode by its own bytes: inline up to 256 KB, S3 above", () => {
    assert.equal(defaultDataPassingMode(LIMIT), 'inline');
    assert.equal(defaultDataPassingMode(LIMIT + 1), 's3');
    assert.equal(defaultDataPassingMode(0), 'inline');
  });

  it("counts a map's edge at its widest draw: bytes × max width / mean width", () => {
    const ir = irOf(
      { t: [], fixed: ['t'], uniform: ['t'], discrete: ['t'], after: ['fixed', 'uniform', 'discrete'] },
      {
        t: { outputBytes: 1000 },
        fixed: { map: { kind: 'fixed', width: 10 }, outputBytes: 500 },
        uniform: { map: { kind: 'uniform', min: 1, max: 9 }, outputBytes: 500 },
        discrete: { map: { kind: 'discrete', values: [2, 8], probabilities: [0.5, 0.5] }, outputBytes: 500 },
      },
    );
    assert.equal(worstCaseBytes(ir, 't', 'fixed'), 1000, 'a task writes its bytes');
    assert.equal(worstCaseBytes(ir, 'fixed', 'after'), 500);
    assert.equal(worstCaseBytes(ir, 'uniform', 'after'), (500 * 9) / 5);
    assert.equal(worstCaseBytes(ir, 'discrete', 'after'), (500 * 8) / 5);
  });

  it('keeps every input of a state inline while they fit 256 KB together, exactly at the limit too', () => {
    const ir = irOf({ a: [], b: [], c: ['a', 'b'] }, { a: { outputBytes: 128 * KB }, b: { outputBytes: 128 * KB } });
    const result = chooseDataPassing(ir, plain());
    assert.deepEqual(result.edges, { 'a->c': 'inline', 'b->c': 'inline' });
    assert.equal(result.decisions.length, 1);
    assert.equal(result.decisions[0]!.pass, DATA_PASSING);
    assert.equal(result.decisions[0]!.kind, 'analysis');
    assert.deepEqual(result.decisions[0]!.numbers, { inProcessEdges: 0, inlineEdges: 2, s3Edges: 0 });
  });

  it("moves a state's largest inputs to S3 until the rest fits, and logs each with the state's bytes", () => {
    const ir = irOf(
      { a: [], b: [], c: [], d: ['a', 'b', 'c'] },
      { a: { outputBytes: 100 * KB }, b: { outputBytes: 150 * KB }, c: { outputBytes: 90 * KB } },
    );
    const result = chooseDataPassing(ir, plain());
    assert.deepEqual(result.edges, { 'a->d': 'inline', 'b->d': 's3', 'c->d': 'inline' });
    const [moved, summary] = result.decisions;
    assert.equal(moved!.kind, 'passed');
    assert.equal(moved!.subject, 'b->d');
    assert.equal(moved!.chosen, "through S3: the receiving state's inline inputs would pass the Step Functions payload limit");
    assert.deepEqual(moved!.numbers, { bytes: 150 * KB, stateInputBytes: 340 * KB, statePayloadLimitBytes: LIMIT });
    assert.deepEqual(summary!.numbers, { inProcessEdges: 0, inlineEdges: 2, s3Edges: 1 });
  });

  it('moves more than one input when the largest alone does not make the rest fit', () => {
    const ir = irOf(
      { a: [], b: [], c: [], d: ['a', 'b', 'c'] },
      { a: { outputBytes: 130 * KB }, b: { outputBytes: 140 * KB }, c: { outputBytes: 150 * KB } },
    );
    const result = chooseDataPassing(ir, plain());
    assert.deepEqual(result.edges, { 'a->d': 'inline', 'b->d': 's3', 'c->d': 's3' });
    assert.deepEqual(result.decisions.map((d) => d.subject), ['c->d', 'b->d', 'app']);
    assert.deepEqual(result.decisions.at(-1)!.numbers, { inProcessEdges: 0, inlineEdges: 1, s3Edges: 2 });
  });

  it('breaks a tie between inputs of equal size by edge key: the later key goes to S3', () => {
    const ir = irOf({ b: [], a: [], d: ['b', 'a'] }, { a: { outputBytes: 200 * KB }, b: { outputBytes: 200 * KB } });
    assert.deepEqual(chooseDataPassing(ir, plain()).edges, { 'a->d': 'inline', 'b->d': 's3' });
  });

  it('keeps an edge the plan put through S3 there, even when it would fit, and says why', () => {
    const ir = irOf({ a: [], b: [], c: ['a', 'b'] }, { a: { outputBytes: 10 * KB }, b: { outputBytes: 20 * KB } });
    const result = chooseDataPassing(ir, plain({ edges: { 'a->c': 's3' } }));
    assert.deepEqual(result.edges, { 'a->c': 's3', 'b->c': 'inline' });
    assert.equal(result.decisions[0]!.subject, 'a->c');
    assert.equal(result.decisions[0]!.chosen, 'through S3, as the plan set it');
    assert.deepEqual(result.decisions[0]!.numbers, { bytes: 10 * KB, stateInputBytes: 30 * KB, statePayloadLimitBytes: LIMIT });
  });

  it('passes data in process inside a fusion group and judges the inputs of all its members as one payload', () => {
    const ir = irOf({ x: [], y: [], a: ['x'], b: ['a', 'y'] }, { x: { outputBytes: 150 * KB }, y: { outputBytes: 140 * KB }, a: { outputBytes: 300 * KB } });
    const fused = plain({ groups: { g: { steps: ['a', 'b'], memoryMb: 1024, architecture: 'x86_64' } } });
    const result = chooseDataPassing(ir, fused);
    // a->b stays in the Lambda (300 KB, over the state limit, is no problem there); x and y feed one state: 290 KB.
    assert.deepEqual(result.edges, { 'a->b': 'in-process', 'x->a': 's3', 'y->b': 'inline' });
    assert.deepEqual(result.decisions.at(-1)!.numbers, { inProcessEdges: 1, inlineEdges: 1, s3Edges: 1 });
    // Apart, each member's state receives one input that fits, and a->b alone is over the limit.
    assert.deepEqual(chooseDataPassing(ir, plain()).edges, { 'a->b': 's3', 'x->a': 'inline', 'y->b': 'inline' });
  });

  it('logs at most 200 edges moved to S3 but counts them all', () => {
    const needs: Record<string, string[]> = {};
    const options: Record<string, { outputBytes: number }> = {};
    for (let i = 0; i < 201; i += 1) {
      needs[`s${i}`] = [];
      needs[`r${i}`] = [`s${i}`];
      options[`s${i}`] = { outputBytes: LIMIT + 1 };
    }
    const result = chooseDataPassing(irOf(needs, options), plain());
    assert.equal(Object.values(result.edges).filter((m) => m === 's3').length, 201);
    assert.equal(result.decisions.length, 201);
    assert.equal(result.decisions.filter((d) => d.kind === 'passed').length, 200);
    assert.equal(result.decisions.at(-1)!.numbers.s3Edges, 201);
  });

  it('before sizing writes only the modes that differ from the per-edge default; at the end every edge', () => {
    const ir = irOf(
      { a: [], b: [], big: [], d: ['a', 'b'], e: ['big'] },
      { a: { outputBytes: 200 * KB }, b: { outputBytes: 100 * KB }, big: { outputBytes: 300 * KB } },
    );
    const base = plain({ orchestration: 'express', functions: { a: { memoryMb: 128, architecture: 'arm64' } } });
    const early = dataPassingPass(false).run({ ir, deployment: base }, CONTEXT);
    // a->d alone would be inline by default, but the state's inputs pass the limit together: written. big->e is S3 either way.
    assert.deepEqual(early.deployment.edges, { 'a->d': 's3' });
    assert.equal(early.ir, ir);
    assert.equal(early.deployment.orchestration, 'express');
    assert.deepEqual(early.deployment.functions, base.functions);
    assert.equal(early.decisions.at(-1)!.numbers.s3Edges, 2);
    const final = dataPassingPass(true).run({ ir, deployment: base }, CONTEXT);
    assert.deepEqual(final.deployment.edges, { 'a->d': 's3', 'b->d': 'inline', 'big->e': 's3' });
    assert.equal(dataPassingPass(true).name, DATA_PASSING);
  });

  it('keeps inline exactly what fits 256 KB once the largest inputs have moved', () => {
    // 200 + 156 + 100 KB: moving the 200 KB input leaves exactly 256 KB inline.
    const ir = irOf({ a: [], b: [], c: [], d: ['a', 'b', 'c'] }, { a: { outputBytes: 200 * KB }, b: { outputBytes: 156 * KB }, c: { outputBytes: 100 * KB } });
    assert.deepEqual(chooseDataPassing(ir, plain()).edges, { 'a->d': 's3', 'b->d': 'inline', 'c->d': 'inline' });
  });

  it('judges the receiving states in id order and ties within a state by edge key, whatever order the graph holds them in', () => {
    // The graph holds z before y and, into each, the later source first.
    const ir = irOf({ q: [], p: [], z: ['q', 'p'], y: ['q', 'p'] }, { p: { outputBytes: 200 * KB }, q: { outputBytes: 200 * KB } });
    const result = chooseDataPassing(ir, plain());
    assert.deepEqual(result.edges, { 'p->y': 'inline', 'q->y': 's3', 'p->z': 'inline', 'q->z': 's3' });
    assert.deepEqual(result.decisions.map((d) => d.subject), ['q->y', 'q->z', 'app']);
  });

  it('says what it decided and what the pass does in words', () => {
    const ir = irOf({ a: [], b: ['a'] });
    assert.equal(chooseDataPassing(ir, plain()).decisions[0]!.chosen, 'data passing: in-process inside fusion groups, inline while every state payload fits 256 KB, S3 for the rest');
    assert.equal(dataPassingPass(false).summary, 'in-process inside fusion groups, inline while each state payload fits 256 KB, S3 for the rest');
  });
});
