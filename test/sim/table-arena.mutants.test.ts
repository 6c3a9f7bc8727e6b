// The table arena (src/sim/table-arena.ts) copies its storage only when a table does not fit: a workflow's tens of
// thousands of tables are appended into one shared buffer, not copied into a new one per table.
import assert from 'node:assert/strict';
import { TableArena } from '../../src/sim/table-arena.ts';

describe('TableArena storage', () => {
  it('appends a table that fits into the same shared buffer, keeping the tables before it', () => {
    const arena = new TableArena();
    const first = [1, 2, 3];
    const second = [4, 5];
    assert.equal(arena.offsetOf(first), 0);
    const buffer = arena.view().buffer;
    assert.ok(buffer instanceof SharedArrayBuffer);
    assert.equal(arena.offsetOf(second), 3);
    assert.equal(arena.view().buffer, buffer, 'a table of 2 entries after 3 was copied into a new buffer');
    assert.deepEqual([...arena.view()], [1, 2, 3, 4, 5]);
  });
});
