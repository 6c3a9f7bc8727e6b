import assert from 'node:assert/strict';
import { verify } from '../../src/ir/verify.ts';
import type { WidthDistribution } from '../../src/ir/types.ts';
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

  it('accepts the exact ends of Lambda\'s ranges and rejects one past them', () => {
    // Lambda: memory 128–10,240 MB in whole MB, timeout up to 900 s and more than 0.
    const at = (memoryMb: number, timeoutMs: number) => {
      const ir = irOf({ a: [] });
      Object.assign(ir.functions.get('a')!, { memoryMb, timeoutMs });
      return codes(ir);
    };
    assert.deepEqual(at(128, 900_000), []);
    assert.deepEqual(at(10_240, 1), []);
    assert.deepEqual(at(127, 1000), ['DAGC0037']);
    assert.deepEqual(at(10_241, 1000), ['DAGC0037']);
    assert.deepEqual(at(1000.5, 1000), ['DAGC0037']);
    assert.deepEqual(at(1024, 900_001), ['DAGC0037']);
    assert.deepEqual(at(1024, 0), ['DAGC0037']);
    assert.deepEqual(at(1024, Number.NaN), ['DAGC0037']);
  });

  it('finds a function filed under another name, one without an architecture, and an empty IR', () => {
    const ir = irOf({ a: [], b: ['a'] });
    ir.functions.get('a')!.name = 'other';
    ir.functions.get('b')!.architectures = [];
    const problems = verify(ir);
    assert.deepEqual(problems.map((d) => d.code), ['DAGC0037', 'DAGC0037']);
    assert.match(problems[0]!.message, /function 'a': carries name 'other'/);
    assert.match(problems[1]!.message, /function 'b': no architecture/);
    const empty = irOf({});
    assert.deepEqual(codes(empty), ['DAGC0031']);
  });

  it('finds a step filed under another id and output sizes that are negative or not finite', () => {
    const ir = irOf({ a: [], b: ['a'] });
    ir.graph.node('a').id = 'z';
    ir.graph.node('b').outputBytes = Number.POSITIVE_INFINITY;
    const problems = verify(ir);
    assert.deepEqual(problems.map((d) => d.code), ['DAGC0033', 'DAGC0037']);
    assert.match(problems[1]!.message, /step 'b': outputBytes Infinity/);
    const zero = irOf({ a: [] }, { a: { outputBytes: 0 } });
    assert.deepEqual(codes(zero), []);
  });

  it('checks every kind of map width and its concurrency', () => {
    const widthCodes = (map: WidthDistribution, maxConcurrency = 0) => {
      const ir = irOf({ m: [] }, { m: { map } });
      (ir.graph.node('m') as { maxConcurrency: number }).maxConcurrency = maxConcurrency;
      return codes(ir);
    };
    assert.deepEqual(widthCodes({ kind: 'fixed', width: 1 }), []);
    assert.deepEqual(widthCodes({ kind: 'fixed', width: 2.5 }), ['DAGC0035']);
    assert.deepEqual(widthCodes({ kind: 'uniform', min: 3, max: 3 }), []);
    assert.deepEqual(widthCodes({ kind: 'uniform', min: 0, max: 3 }), ['DAGC0035']);
    assert.deepEqual(widthCodes({ kind: 'uniform', min: 1, max: 0 }), ['DAGC0035']);
    assert.deepEqual(widthCodes({ kind: 'discrete', values: [1, 4], probabilities: [0.25, 0.75] }), []);
    assert.deepEqual(widthCodes({ kind: 'discrete', values: [], probabilities: [] }), ['DAGC0035']);
    assert.deepEqual(widthCodes({ kind: 'discrete', values: [1, 4], probabilities: [1] }), ['DAGC0035']);
    assert.deepEqual(widthCodes({ kind: 'discrete', values: [0, 4], probabilities: [0.5, 0.5] }), ['DAGC0035']);
    assert.deepEqual(widthCodes({ kind: 'discrete', values: [1, 4], probabilities: [0.5, 0.4] }), ['DAGC0035']);
    assert.deepEqual(widthCodes({ kind: 'fixed', width: 4 }, 3), []);
    assert.deepEqual(widthCodes({ kind: 'fixed', width: 4 }, -1), ['DAGC0035']);
    assert.deepEqual(widthCodes({ kind: 'fixed', width: 4 }, 1.5), ['DAGC0035']);
  });

  it('accepts choice probabilities that sum to 1 within rounding, and rejects one outside 0–1', () => {
    const ok = irOf({ c: [], x: ['c'], y: ['c'], z: ['c'] }, { c: { choice: { x: 0.1, y: 0.2, z: 0.7 } } });
    assert.deepEqual(codes(ok), []); // 0.1 + 0.2 + 0.7 is 0.9999999999999999 in floating point
    const outside = irOf({ c: [], x: ['c'], y: ['c'] }, { c: { choice: { x: 1.5, y: -0.5 } } });
    assert.deepEqual(codes(outside), ['DAGC0036']);
  });

  it('finds an edge whose byte count is not a number', () => {
    const ir = irOf({ a: [], b: ['a'] });
    ir.graph.edge('a', 'b').bytes = Number.NaN;
    assert.deepEqual(codes(ir), ['DAGC0037']);
  });

  it('reports step problems in step-id order, whatever order the steps were added in', () => {
    const ir = irOf({ b: [], a: [] });
    ir.functions.clear();
    assert.deepEqual(verify(ir).map((d) => d.message), ["step 'a' runs unknown function 'a'", "step 'b' runs unknown function 'b'"]);
  });

  it('says what is wrong in each message, and lists function problems in name order', () => {
    const ir = irOf({ b: [], a: ['b'], m: [] }, { m: { map: { kind: 'fixed', width: 2 } } });
    (ir.graph.node('m') as { maxConcurrency: number }).maxConcurrency = -3;
    ir.graph.edge('b', 'a').bytes = -5;
    ir.functions.get('b')!.memoryMb = 64;
    ir.functions.get('a')!.memoryMb = 99_999;
    assert.deepEqual(verify(ir).map((d) => d.message), [
      "map 'm' has an invalid width: maxConcurrency -3",
      'edge b → a: bytes -5',
      "function 'a': memoryMb 99999 outside 128–10240",
      "function 'b': memoryMb 64 outside 128–10240",
    ]);
  });

  it('reports an edge that carries no data at all instead of failing on it', () => {
    const ir = irOf({ a: [], b: [] });
    ir.graph.setEdge('a', 'b');
    assert.deepEqual(verify(ir).map((d) => d.message), ['edge a → b: bytes undefined']);
  });
});

