import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LAMBDA_NAME_MAX, lambdaFunctionName, logicalId, LOGICAL_ID_MAX, STATE_NAME_MAX, stateName } from '../../src/codegen/names.ts';

describe('codegen names', () => {
  it('keeps a plain id as its own state name', () => {
    assert.equal(stateName('encode'), 'encode');
    assert.equal(logicalId('Fn', 'encode'), 'FnEncode');
    assert.equal(lambdaFunctionName('video', 'encode'), 'video-encode');
  });

  it('gives ids with spaces, unicode or 200 characters valid names within every limit', () => {
    for (const id of ['résumé step', 'a b', 'x'.repeat(200), '処理', '~join-3', 'a/b:c']) {
      assert.match(stateName(id), /^[A-Za-z0-9_-]{1,80}$/);
      assert.ok(stateName(id).length <= STATE_NAME_MAX);
      assert.match(lambdaFunctionName('app', id), /^[A-Za-z0-9_-]{1,64}$/);
      assert.ok(lambdaFunctionName('app', id).length <= LAMBDA_NAME_MAX);
      assert.match(logicalId('Fn', id), /^[A-Za-z0-9]{1,255}$/);
      assert.ok(logicalId('Fn', id).length <= LOGICAL_ID_MAX);
    }
  });

  it('keeps distinct ids distinct after cleaning (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }), fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }), (a, b) => {
        fc.pre(a !== b);
        assert.notEqual(stateName(a), stateName(b));
        assert.notEqual(lambdaFunctionName('app', a), lambdaFunctionName('app', b));
        assert.notEqual(logicalId('Fn', a), logicalId('Fn', b));
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('tells apart ids that clean to the same text', () => {
    assert.notEqual(stateName('a b'), stateName('a_b'));
    assert.notEqual(logicalId('Fn', 'a-b'), logicalId('Fn', 'a_b'));
    assert.notEqual(lambdaFunctionName('app', 'a b'), lambdaFunctionName('app', 'a-b'));
  });
});
