import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.ts';

describe('dagc validate', () => {
  it('exits 0 on a valid spec', () => {
    const result = runCli(['validate', 'test/spec/samples/valid-full.yaml']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /valid \(8 steps, 3 functions/);
  });

  it('exits 2 on a broken spec with positioned messages and no stack trace', () => {
    const result = runCli(['validate', 'test/spec/samples/DAGC0013-unknown-need.yaml']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^test\/spec\/samples\/DAGC0013-unknown-need\.yaml:7:32: DAGC0013 step 't' needs 'u'/m);
    assert.match(result.stderr, /fix: /);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('exits 2 when the file does not exist', () => {
    const result = runCli(['validate', 'nope/app.yaml']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /DAGC0001 cannot read nope\/app.yaml/);
  });

  it('reports every problem of a file at once, sorted by position', () => {
    const result = runCli(['validate', 'test/spec/samples/DAGC0014-cycle.yaml']);
    const lines = result.stderr.split('\n').filter((l) => /DAGC\d{4}/.test(l));
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /:7:3: DAGC0014/);
    assert.match(lines[1]!, /:10:3: DAGC0015/);
  });
});
