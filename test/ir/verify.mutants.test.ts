// More tests of verify (kept apart from verify.test.ts so that Stryker's incremental run, which
// treats a changed test file as all its tests changed, re-tests only what these tests cover).
import assert from 'node:assert/strict';
import { verify } from '../../src/ir/verify.ts';
import { irOf } from '../helpers/ir-builder.ts';

const codes = (ir: ReturnType<typeof irOf>) => verify(ir).map((d) => d.code);

describe('verify (choices and messages)', () => {
  it('names a choice\'s branches and successors, each sorted, when they differ', () => {
    // y is added before x, so the graph lists c's successors as y, x; the record lists z before x.
    const ir = irOf({ c: [], y: ['c'], x: ['c'] }, { c: { choice: { z: 0.5, x: 0.5 } } });
    assert.deepEqual(verify(ir).map((d) => d.message), ["choice 'c': branches [x, z] are not its successors [x, y]"]);
    // The same branches in another order than the graph's successors are not a problem.
    assert.deepEqual(codes(irOf({ c: [], y: ['c'], x: ['c'] }, { c: { choice: { y: 0.5, x: 0.5 } } })), []);
  });

  it('accepts probabilities of exactly 0 and 1, and rejects a negative or a too-large one even when the sum is 1', () => {
    assert.deepEqual(codes(irOf({ c: [], x: ['c'], y: ['c'] }, { c: { choice: { x: 1, y: 0 } } })), []);
    // 0.6 + 0.6 − 0.2 = 1: only the negative one is wrong.
    const negative = irOf({ c: [], x: ['c'], y: ['c'], z: ['c'] }, { c: { choice: { x: 0.6, y: 0.6, z: -0.2 } } });
    assert.deepEqual(verify(negative).map((d) => d.message), ["choice 'c': probabilities sum to 1"]);
    // 1.1 − 0.2 + 0.1: one above 1, one below 0, one fine.
    const mixed = irOf({ c: [], x: ['c'], y: ['c'], z: ['c'] }, { c: { choice: { x: 1.1, y: -0.2, z: 0.1 } } });
    assert.deepEqual(codes(mixed), ['DAGC0036']);
    assert.deepEqual(verify(irOf({ c: [], x: ['c'], y: ['c'] }, { c: { choice: { x: 0.5, y: 0.4 } } })).map((d) => d.message), ["choice 'c': probabilities sum to 0.9"]);
  });

  it('says which timeout is wrong and that a function has no architecture', () => {
    const ir = irOf({ a: [], b: [] });
    ir.functions.get('a')!.timeoutMs = 0;
    ir.functions.get('b')!.architectures = [];
    assert.deepEqual(verify(ir).map((d) => d.message), ["function 'a': timeoutMs 0", "function 'b': no architecture"]);
  });

  it('writes a bad discrete width\'s values and probabilities into the message', () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'discrete', values: [2, 0], probabilities: [0.5, 0.5] } } });
    assert.deepEqual(verify(ir).map((d) => d.message), ["map 'm' has an invalid width: discrete values [2, 0] probabilities [0.5, 0.5]"]);
  });
});
