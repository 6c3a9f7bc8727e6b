import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { retireFile, writeFileAtomic } from '../../src/io/atomic-write.ts';
import { FAULT_STEPS, withFault } from '../helpers/faulty-fs.ts';

function scratch(): string {
  return mkdtempSync(path.join(tmpdir(), 'dagc-atomic-'));
}

function diagnosticOf(action: () => void): { code: string; message: string; hint?: string } {
  try {
    action();
  } catch (error) {
    assert.ok(isUserError(error), `expected a DagcUserError, got ${String(error)}`);
    return error.diagnostics[0]!;
  }
  assert.fail('expected the write to fail');
}

describe('writeFileAtomic', () => {
  it('creates the folder, writes the bytes and leaves no temporary file', () => {
    const dir = scratch();
    const file = path.join(dir, 'a', 'b', 'plan.json');
    writeFileAtomic(file, '{"x":1}\n');
    writeFileAtomic(file, '{"x":2}\n');
    assert.equal(readFileSync(file, 'utf8'), '{"x":2}\n');
    assert.deepEqual(readdirSync(path.dirname(file)), ['plan.json']);
  });

  for (const step of FAULT_STEPS) {
    for (const code of ['ENOSPC', 'EFBIG', 'EROFS', 'EACCES']) {
      it(`keeps the previous file byte for byte and reports ${code} at ${step} as DAGC0605 with a fix`, async () => {
        const dir = scratch();
        const file = path.join(dir, 'plan.json');
        const previous = '{"previous":"plan","bytes":[1,2,3]}\n';
        writeFileSync(file, previous);
        const diagnostic = await withFault(step, code, () => diagnosticOf(() => writeFileAtomic(file, `{"new":"${'x'.repeat(10_000)}"}\n`)));
        assert.equal(diagnostic.code, 'DAGC0605');
        assert.match(diagnostic.message, new RegExp(`cannot write ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
        assert.match(diagnostic.message, /left unchanged/);
        assert.ok(diagnostic.hint && diagnostic.hint.length > 10);
        assert.equal(readFileSync(file, 'utf8'), previous);
        assert.deepEqual(readdirSync(dir), ['plan.json'], 'no temporary file left behind');
      });
    }
  }

  it('reports a file standing where the folder should be (real file system) without touching it', () => {
    const dir = scratch();
    const blocker = path.join(dir, 'plans');
    writeFileSync(blocker, 'not a folder');
    const diagnostic = diagnosticOf(() => writeFileAtomic(path.join(blocker, 'app', 'plan.json'), '{}'));
    assert.equal(diagnostic.code, 'DAGC0605');
    assert.match(diagnostic.message, /a file stands where a folder should be/);
    assert.equal(readFileSync(blocker, 'utf8'), 'not a folder');
  });
});

describe('retireFile', () => {
  it('moves the file aside under the suffix, replacing an older retired copy', () => {
    const dir = scratch();
    const file = path.join(dir, 'plan.json');
    writeFileSync(`${file}.stale`, 'older');
    writeFileSync(file, 'old plan');
    assert.equal(retireFile(file, '.stale'), `${file}.stale`);
    assert.deepEqual(readdirSync(dir), ['plan.json.stale']);
    assert.equal(readFileSync(`${file}.stale`, 'utf8'), 'old plan');
  });

  it('does nothing when there is no file', () => {
    assert.equal(retireFile(path.join(scratch(), 'plan.json'), '.stale'), undefined);
  });
});
