// The shape reduction itself: the rules both sides share, and that the
// comparison tells different structures apart (so equal shapes mean something).
import assert from 'node:assert/strict';
import { aslShape, formatShape, irShape, relabel, sameShape } from '../../src/import/asl-structure.ts';
import { irOf } from '../helpers/ir-builder.ts';

const task = (next?: string) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, ...(next ? { Next: next } : { End: true }) });
const machine = (startAt: string, states: Record<string, unknown>) => ({ StartAt: startAt, States: states });
const shape = (definition: object) => formatShape(aslShape(definition));

describe('asl-structure: the shape of a definition', () => {
  it('is a series of tasks through Pass and Wait, and stops at a Fail', () => {
    const definition = machine('A', { A: task('P'), P: { Type: 'Pass', Next: 'W' }, W: { Type: 'Wait', Seconds: 1, Next: 'B' }, B: task('F'), F: { Type: 'Fail' } });
    assert.equal(shape(definition), '["A" ; "B"]');
  });

  it('distributes a Map over its body: map(a;b|c) = map(a);map(b) | map(c)', () => {
    const body = machine('Fan', { Fan: { Type: 'Parallel', Branches: [machine('A', { A: task('B'), B: task() }), machine('C', { C: task() })], End: true } });
    assert.equal(shape(machine('M', { M: { Type: 'Map', ItemProcessor: body, End: true } })), '([map("A") ; map("B")] | map("C"))');
  });

  it('rejoins Choice branches at the immediate post-dominator; what follows the choice counts in each branch', () => {
    const definition = machine('C', {
      C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'A' }], Default: 'B' },
      A: task('A2'),
      A2: task('J'),
      B: task('J'),
      J: task(),
    });
    assert.equal(shape(definition), '{["A" ; "A2" ; "J"] / ["B" ; "J"]}');
  });

  it('reads a malformed Parallel (Branches not a list) at the head of a choice branch as empty', () => {
    const definition = machine('C', { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'P' }], Default: 'B' }, P: { Type: 'Parallel', Branches: 'Type', Next: 'A' }, A: task(), B: task() });
    assert.equal(shape(definition), '{"A" / "B"}');
  });

  it('cuts a loop once, as the importer does', () => {
    const definition = machine('A', { A: task('C'), C: { Type: 'Choice', Choices: [{ Variable: '$.again', BooleanEquals: true, Next: 'A' }], Default: 'B' }, B: task() });
    assert.equal(shape(definition), '["A" ; "B"]');
  });
});

describe('asl-structure: comparing shapes', () => {
  it('equals an IR of the same structure, and differs from one with a parallel made serial or a map made a task', () => {
    const definition = machine('S', {
      S: task('Fan'),
      Fan: { Type: 'Parallel', Branches: [machine('a', { a: task() }), machine('b', { b: { Type: 'Map', Iterator: machine('m', { m: task() }), End: true } })], Next: 'T' },
      T: task(),
    });
    const same = irShape(irOf({ S: [], a: ['S'], m: ['S'], T: ['a', 'm'] }, { m: { map: { kind: 'fixed', width: 4 } } }))!;
    assert.ok(sameShape(same, aslShape(definition)));
    const serial = irShape(irOf({ S: [], a: ['S'], m: ['a'], T: ['m'] }, { m: { map: { kind: 'fixed', width: 4 } } }))!;
    assert.ok(!sameShape(serial, aslShape(definition)));
    const notMapped = irShape(irOf({ S: [], a: ['S'], m: ['S'], T: ['a', 'm'] }))!;
    assert.ok(!sameShape(notMapped, aslShape(definition)));
  });

  it('reads an IR choice without its choice step, and tells choice from parallel', () => {
    const choice = irShape(irOf({ c: [], x: ['c'], y: ['c'] }, { c: { choice: { x: 0.3, y: 0.7 } } }))!;
    assert.equal(formatShape(choice), '{"x" / "y"}');
    const parallel = irShape(irOf({ x: [], y: [] }))!;
    assert.equal(formatShape(parallel), '("x" | "y")');
    assert.ok(!sameShape(choice, parallel));
  });

  it('compares definitions whose state names differ once leaves are relabelled', () => {
    const original = machine('Resize image', { 'Resize image': task('Store') , Store: task() });
    const emitted = machine('resize', { resize: task('store'), store: task() });
    assert.ok(!sameShape(aslShape(original), aslShape(emitted)));
    const lower = (label: string) => label.split(' ')[0]!.toLowerCase();
    assert.ok(sameShape(relabel(aslShape(original), lower), relabel(aslShape(emitted), lower)));
  });
});
