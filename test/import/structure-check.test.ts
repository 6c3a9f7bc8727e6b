import assert from 'node:assert/strict';
import { structureCheck } from '../../src/import/structure-check.ts';
import { importForTest } from '../helpers/import-app.ts';

const task = (next?: string) => ({ Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', ...(next ? { Next: next } : { End: true }) });
const choice = (a: string, b: string) => ({ Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: a }], Default: b });

describe('import structure check', () => {
  it('says nothing when the app keeps the definition structure', () => {
    const imported = importForTest({ StartAt: 'C', States: { C: choice('A', 'B'), A: task('J'), B: task('J'), J: task() } });
    assert.equal(structureCheck(imported.app, imported.ir), undefined);
  });

  it('says nothing for a branch that runs a task and then fails, nor for a partial rejoin of the others', () => {
    const notifyThenFail = { StartAt: 'Check', States: { Check: task('Ok?'), 'Ok?': choice('Notify', 'Process'), Notify: task('Failed'), Failed: { Type: 'Fail' }, Process: task('Store'), Store: task() } };
    const partial = {
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'A' }, { Variable: '$.b', IsPresent: true, Next: 'B' }], Default: 'N' }, A: task('J'), B: task('J'), N: task('F'), F: { Type: 'Fail' }, J: task() },
    };
    for (const definition of [notifyThenFail, partial]) {
      const imported = importForTest(definition);
      assert.equal(structureCheck(imported.app, imported.ir), undefined);
    }
  });

  it('warns with DAGC0566 at StartAt when a branch jumps into the middle of another, showing both structures', () => {
    const definition = { StartAt: 'C1', States: { C1: choice('A', 'B'), A: task('C2'), C2: choice('X', 'Z'), B: task('Z'), X: task(), Z: task() } };
    const imported = importForTest(JSON.stringify(definition, null, 2));
    const warning = structureCheck(imported.app, imported.ir);
    assert.ok(warning);
    assert.equal(warning.code, 'DAGC0566');
    assert.equal(warning.severity, 'warning');
    assert.deepEqual([warning.position?.line, warning.position?.column], [2, 3]);
    assert.match(warning.message, /not series-parallel \(definition: \{\["A" ; \{"X" \/ "Z"\}\] \/ \["B" ; "Z"\]\}\)/);
  });
});
