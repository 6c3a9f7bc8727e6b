import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sortAscending } from '../../src/model/sort-ascending.ts';

describe('sortAscending', () => {
  it('orders like the built-in numeric sort, short arrays (insertion) and long ones alike, in place', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 80 }), (values) => {
        const copy = [...values];
        const sorted = sortAscending(copy);
        assert.equal(sorted, copy, 'sorts the array it was given');
        assert.deepEqual(sorted, [...values].sort((a, b) => a - b));
      }),
    );
  });

  it('keeps duplicates', () => {
    assert.deepEqual(sortAscending([3, 1, 2, 1, 3]), [1, 1, 2, 3, 3]);
  });
});
