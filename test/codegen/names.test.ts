import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { LAMBDA_NAME_MAX, lambdaFunctionName, logicalId, LOGICAL_ID_MAX, shortHash, STATE_NAME_MAX, stateName } from '../../src/codegen/names.ts';

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

  it('appends the first 8 hex digits of the id\'s SHA-256 when it replaced or cut anything, and cuts to the limit', () => {
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
    assert.equal(shortHash('a b'), sha('a b'));
    assert.equal(stateName('a b'), `a_b_${sha('a b')}`);
    assert.equal(stateName(''), `_${sha('')}`);
    // 80 characters fit as they are; 81 are cut to 71 + '_' + 8 hex digits = 80.
    assert.equal(stateName('x'.repeat(80)), 'x'.repeat(80));
    assert.equal(stateName('x'.repeat(81)), `${'x'.repeat(71)}_${sha('x'.repeat(81))}`);
    assert.equal(stateName('Step-1_b'), 'Step-1_b');
    assert.equal(lambdaFunctionName('app', 'a b'), `app-a-b-${sha('app-a b')}`);
    // 'app-' + 60 characters is exactly 64 and fits; one more is cut to 55 + '-' + 8 hex digits.
    assert.equal(lambdaFunctionName('app', 'y'.repeat(60)), `app-${'y'.repeat(60)}`);
    assert.equal(lambdaFunctionName('app', 'y'.repeat(61)), `app-${'y'.repeat(51)}-${sha(`app-${'y'.repeat(61)}`)}`);
  });

  it('camel-cases a logical id from its alphanumeric words, adding the hash unless the id was one plain word', () => {
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
    assert.equal(logicalId('Fn', 'encode2'), 'FnEncode2');
    assert.equal(logicalId('Job', 'gpuInfer'), 'JobGpuInfer');
    assert.equal(logicalId('Fn', 'my-step'), `FnMyStep${sha('my-step')}`);
    assert.equal(logicalId('Fn', 'a__b'), `FnAB${sha('a__b')}`);
    assert.equal(logicalId('Fn', '処理'), `Fn${sha('処理')}`);
    assert.equal(logicalId('Fn', ''), `Fn${sha('')}`);
    assert.equal(logicalId('Fn', 'z'.repeat(300)), `FnZ${'z'.repeat(252)}`);
  });
});
