import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IDENTIFIER, IdentifierAllocator, sanitizeIdentifier } from '../../src/import/identifiers.ts';

describe('import identifiers', () => {
  it('keeps a name that is already an identifier', () => {
    assert.equal(new IdentifierAllocator('s').allocate('Resize_Image-2'), 'Resize_Image-2');
  });

  it('drops accents, spells ß, replaces other characters with -, and prefixes a name that starts with a digit', () => {
    assert.equal(sanitizeIdentifier('Größe ändern?', 's'), 'Grosse-andern');
    assert.equal(sanitizeIdentifier('3 → 4', 's'), 's-3-4');
    assert.equal(sanitizeIdentifier('处理', 's'), 's');
  });

  it('gives every name a valid identifier, unique case-insensitively, the same on every run (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 90 }), fc.string({ unit: 'grapheme', maxLength: 90 }), fc.constantFrom('a', 'A', 'a-2', 'ß', 'ss')), { maxLength: 40 }), (names) => {
        const first = new IdentifierAllocator('s');
        const ids = names.map((n) => first.allocate(n));
        for (const id of ids) assert.match(id, IDENTIFIER);
        assert.equal(new Set(ids.map((id) => id.toLowerCase())).size, ids.length);
        const second = new IdentifierAllocator('s');
        assert.deepEqual(names.map((n) => second.allocate(n)), ids);
      }),
      { seed: 24, numRuns: 300 },
    );
  });
});
