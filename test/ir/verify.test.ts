import assert from 'node:assert/strict';
import { verify } from '../../src/ir/verify.ts';
import { irOf } from '../helpers/ir-builder.ts';

const codes = (ir: ReturnType<typeof irOf>) => verify(ir).map((d) => d.code);

describe('verify', () => {
  it('accepts a sound diamond', () => {
    assert.deepEqual(verify(irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] })), []);
  });

  it('finds a cycle introduced after building', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] });
    ir.graph.setEdge('c', 'a', { bytes: 0 });
    const problems = verify(ir);
    assert.deepEqual(problems.map((d) => d.code), ['DAGC0030']);
    assert.match(problems[0]!.message, /a → b → c|b → c → a|c → a → b/);
  });

  it('finds an edge to a step that does not exist', () => {
    const ir = irOf({ a: [] });
    ir.graph.setEdge('a', 'ghost', { bytes: 0 });
    assert.deepEqual(codes(ir), ['DAGC0032']);
  });

  it('finds a step running an undeclared function', () => {
    const ir = irOf({ a: [] });
    ir.functions.delete('a');
    assert.deepEqual(codes(ir), ['DAGC0034']);
  });

  it('finds a map width that is not a positive whole number', () => {
    assert.deepEqual(codes(irOf({ a: [], m: ['a'] }, { m: { map: { kind: 'fixed', width: 0 } } })), ['DAGC0035']);
    assert.deepEqual(codes(irOf({ m: [] }, { m: { map: { kind: 'uniform', min: 5, max: 2 } } })), ['DAGC0035']);
  });

  it('finds choice branches that are not its successors or do not sum to 1', () => {
    const ir = irOf({ c: [], x: ['c'], y: ['c'] }, { c: { choice: { x: 0.5, z: 0.5 } } });
    assert.deepEqual(codes(ir), ['DAGC0036']);
    const bad = irOf({ c: [], x: ['c'], y: ['c'] }, { c: { choice: { x: 0.5, y: 0.4 } } });
    assert.deepEqual(codes(bad), ['DAGC0036']);
  });

  it('finds memory outside Lambda\'s range and negative byte counts', () => {
    const ir = irOf({ a: [], b: ['a'] });
    ir.functions.get('a')!.memoryMb = 64;
    ir.graph.edge('a', 'b').bytes = -1;
    assert.deepEqual(codes(ir).sort(), ['DAGC0037', 'DAGC0037']);
  });
});
