import assert from 'node:assert/strict';
import { stableStringify } from '../../src/model/stable-json.ts';

describe('stableStringify', () => {
  it('sorts keys at every depth, indents by two spaces and ends with a newline', () => {
    const text = stableStringify({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } });
    assert.equal(text, '{\n  "a": {\n    "c": "x",\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
  });

  it('gives objects with the same content the same bytes whatever their key order', () => {
    assert.equal(stableStringify({ x: 1, y: [1, 2] }), stableStringify({ y: [1, 2], x: 1 }));
  });

  it('rounds numbers to 10 significant digits, in arrays too', () => {
    // 0.1 + 0.2 = 0.30000000000000004; 123456789012 keeps its magnitude, 10 digits.
    assert.equal(stableStringify([0.1 + 0.2, 123456789012, 1 / 3]), '[\n  0.3,\n  123456789000,\n  0.3333333333\n]\n');
  });

  it('drops undefined properties but keeps null, booleans and non-finite numbers as JSON has them', () => {
    assert.equal(stableStringify({ gone: undefined, none: null, yes: true, inf: Number.POSITIVE_INFINITY }), '{\n  "inf": null,\n  "none": null,\n  "yes": true\n}\n');
  });
});
