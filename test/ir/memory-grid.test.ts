import assert from 'node:assert/strict';
import path from 'node:path';
import { loadAppIr } from '../../src/ir/load-app.ts';
import { describeMemoryGrid, toMemoryGrid, withMemoryGrid } from '../../src/ir/memory-grid.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { projectRoot } from '../helpers/run-cli.ts';

describe('memory grids', () => {
  it('sorts a listed grid by size in MB (as numbers, not as text) and keeps a named grid by name', () => {
    assert.deepEqual(toMemoryGrid([3008, 512, 1769]), { kind: 'list', sizesMb: [512, 1769, 3008] });
    assert.deepEqual(toMemoryGrid([10240, 256, 1024]), { kind: 'list', sizesMb: [256, 1024, 10240] });
    assert.deepEqual(toMemoryGrid('measured'), { kind: 'measured' });
    assert.deepEqual(toMemoryGrid('all'), { kind: 'all' });
  });

  it('does not reorder the list it was given', () => {
    const given = [2048, 128];
    toMemoryGrid(given);
    assert.deepEqual(given, [2048, 128]);
  });

  it('replaces every function\'s grid on a copy and leaves the given IR as it was', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const grid = { kind: 'list' as const, sizesMb: [512, 1024] };
    const changed = withMemoryGrid(ir, grid);
    assert.deepEqual([...changed.functions.values()].map((f) => f.memoryGrid), [grid, grid]);
    assert.deepEqual([...changed.functions.values()].map((f) => f.name), ['a', 'b']);
    assert.deepEqual([...ir.functions.values()].map((f) => f.memoryGrid), [undefined, undefined]);
    assert.equal(changed.graph, ir.graph);
    assert.equal(changed.name, ir.name);
  });

  it('describes a grid in the user\'s words', () => {
    assert.equal(describeMemoryGrid(undefined), 'default');
    assert.equal(describeMemoryGrid({ kind: 'measured' }), 'measured');
    assert.equal(describeMemoryGrid({ kind: 'list', sizesMb: [512, 1769] }), '[512, 1769] MB');
  });

  it('gives a function its own grid over the app\'s, and the app\'s grid to a function without one', () => {
    // valid-memory-grid.yaml: app grid measured; a lists [512, 1769, 3008], b says all, c nothing.
    const ir = loadAppIr(path.join(projectRoot, 'test/spec/samples/valid-memory-grid.yaml'));
    assert.deepEqual(ir.functions.get('a')!.memoryGrid, { kind: 'list', sizesMb: [512, 1769, 3008] });
    assert.deepEqual(ir.functions.get('b')!.memoryGrid, { kind: 'all' });
    assert.deepEqual(ir.functions.get('c')!.memoryGrid, { kind: 'measured' });
  });
});
