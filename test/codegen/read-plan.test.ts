import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PLAN_SCHEMA_VERSION } from '../../src/codegen/plan.ts';
import { readPlan } from '../../src/codegen/read-plan.ts';
import { DagcUserError } from '../../src/diagnostics/diagnostic.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const committed = path.join(projectRoot, 'plans', 'video', 'plan.json');

function problem(location: string): { code: string; message: string } {
  try {
    readPlan(location);
  } catch (error) {
    assert.ok(error instanceof DagcUserError, String(error));
    return { code: error.diagnostics[0]!.code, message: error.diagnostics[0]!.message };
  }
  assert.fail(`${location} was read as a plan`);
}

describe('readPlan', () => {
  it('reads a plan.json given as a file or as its folder, and says which file it read', () => {
    const byFile = readPlan(committed);
    const byFolder = readPlan(path.dirname(committed));
    assert.equal(byFile.file, committed);
    assert.equal(byFolder.file, committed);
    assert.deepEqual(byFolder.plan, JSON.parse(readFileSync(committed, 'utf8')));
    assert.equal(byFile.plan.schemaVersion, PLAN_SCHEMA_VERSION);
  });

  it('calls a missing file, a folder without plan.json and text that is not JSON not a plan (DAGC0303), each with why', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-readplan-'));
    assert.deepEqual(problem(path.join(dir, 'nothing.json')), { code: 'DAGC0303', message: `${path.join(dir, 'nothing.json')} is not a dagc plan: no such file` });
    assert.match(problem(dir).message, /plan\.json is not a dagc plan: no such file$/);
    writeFileSync(path.join(dir, 'broken.json'), '{"schemaVersion": 3,');
    const broken = problem(path.join(dir, 'broken.json'));
    assert.equal(broken.code, 'DAGC0303');
    assert.match(broken.message, /: not JSON \(/);
    mkdirSync(path.join(dir, 'sub', 'plan.json'), { recursive: true });
    assert.match(problem(path.join(dir, 'sub')).message, /: unreadable \(EISDIR\)$/);
  });

  it('names another schema version (DAGC0305) only for something shaped like a plan', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-readplan-'));
    const plan = JSON.parse(readFileSync(committed, 'utf8'));
    writeFileSync(path.join(dir, 'old.json'), JSON.stringify({ ...plan, schemaVersion: PLAN_SCHEMA_VERSION - 1 }));
    assert.equal(problem(path.join(dir, 'old.json')).code, 'DAGC0305');
    // A profile also has a schemaVersion, but no appFile and no predicted: it is simply not a plan.
    writeFileSync(path.join(dir, 'profile.json'), JSON.stringify({ schemaVersion: 1, function: 'a' }));
    assert.equal(problem(path.join(dir, 'profile.json')).code, 'DAGC0303');
    writeFileSync(path.join(dir, 'half.json'), JSON.stringify({ ...plan, schemaVersion: 1, predicted: 'x' }));
    assert.equal(problem(path.join(dir, 'half.json')).code, 'DAGC0303');
    writeFileSync(path.join(dir, 'null.json'), 'null');
    assert.equal(problem(path.join(dir, 'null.json')).code, 'DAGC0303');
  });

  it('lists at most five schema problems', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-readplan-'));
    writeFileSync(path.join(dir, 'empty.json'), JSON.stringify({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 }));
    const { code, message } = problem(path.join(dir, 'empty.json'));
    assert.equal(code, 'DAGC0303');
    const listed = message.slice(message.indexOf(': ') + 2).split('; ');
    assert.equal(listed.length, 5, message);
  });
});
