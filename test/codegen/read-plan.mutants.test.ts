// Tests from the mutation run's survivors in read-plan.ts (issue 26): a plan
// file over the size limit keeps the size diagnostic (not "not JSON"), and
// only something with a string appFile counts as a plan of another version.
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PLAN_SCHEMA_VERSION } from '../../src/codegen/plan.ts';
import { readPlan } from '../../src/codegen/read-plan.ts';
import { DagcUserError } from '../../src/diagnostics/diagnostic.ts';
import { LIMITS } from '../../src/spec/limits.ts';
import { projectRoot } from '../helpers/run-cli.ts';

function problem(location: string) {
  try {
    readPlan(location);
  } catch (error) {
    assert.ok(error instanceof DagcUserError, String(error));
    return error.diagnostics[0]!;
  }
  assert.fail(`${location} was read as a plan`);
}

describe('reading a plan back (limits and shapes)', () => {
  it('reports a plan file over the size limit as too large, naming it a plan', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-readplan-'));
    const file = path.join(dir, 'plan.json');
    // A sparse file one byte over the limit: nothing is written to disk.
    const fd = openSync(file, 'w');
    ftruncateSync(fd, LIMITS.planBytes + 1);
    closeSync(fd);
    const diagnostic = problem(dir);
    assert.equal(diagnostic.code, 'DAGC0600');
    assert.ok(diagnostic.message.startsWith(`plan ${file} is larger than`), diagnostic.message);
  });

  it('calls a file with another schema version but no string appFile not a plan (DAGC0303)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-readplan-'));
    const plan = JSON.parse(readFileSync(path.join(projectRoot, 'plans/video/plan.json'), 'utf8'));
    writeFileSync(path.join(dir, 'numbered.json'), JSON.stringify({ ...plan, schemaVersion: PLAN_SCHEMA_VERSION - 1, appFile: 7 }));
    assert.equal(problem(path.join(dir, 'numbered.json')).code, 'DAGC0303');
    writeFileSync(path.join(dir, 'old.json'), JSON.stringify({ ...plan, schemaVersion: PLAN_SCHEMA_VERSION - 1 }));
    assert.equal(problem(path.join(dir, 'old.json')).code, 'DAGC0305');
  });
});
