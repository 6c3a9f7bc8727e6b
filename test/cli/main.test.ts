import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.ts';

describe('dagc CLI', () => {
  it('prints help and exits 0', () => {
    const result = runCli(['--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /Usage: dagc/);
  });

  it('exits 2 on an unknown command without a stack trace', () => {
    const result = runCli(['no-such-command']);
    assert.equal(result.status, 2);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });
});
