import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calibrationFileText, readCalibrationFile } from '../../src/calibrate/calibration-file.ts';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dagc-calibration-file-'));
const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const problems = (file: string) => {
  try {
    readCalibrationFile(file);
  } catch (error) {
    if (isUserError(error)) return error.diagnostics;
    throw error;
  }
  assert.fail('expected a DagcUserError');
};

describe('readCalibrationFile', () => {
  it('reads back what calibrationFileText wrote', () => {
    const file = write('ok.json', calibrationFileText(DEFAULT_CALIBRATION));
    assert.deepEqual(readCalibrationFile(file), DEFAULT_CALIBRATION);
  });

  it('reports every bad field with its JSON path and line, at once', () => {
    const bad = structuredClone(DEFAULT_CALIBRATION) as unknown as { orchestration: { taskDispatch: { express: { cold: { sigma: unknown } } }; mapIterationStart: { standard: unknown } }; version: number };
    bad.version = 2;
    bad.orchestration.taskDispatch.express.cold.sigma = -1;
    delete (bad.orchestration.mapIterationStart as Record<string, unknown>).standard;
    const file = write('bad.json', `${JSON.stringify(bad, null, 2)}\n`);
    const list = problems(file);
    assert.deepEqual(list.map((d) => d.code), ['DAGC0582', 'DAGC0582', 'DAGC0582']);
    const messages = list.map((d) => d.message).join('\n');
    assert.match(messages, /\$\.version: must be 1/);
    assert.match(messages, /\$\.orchestration\.taskDispatch\.express\.cold\.sigma: must be a number ≥ 0/);
    assert.match(messages, /\$\.orchestration\.mapIterationStart\.standard: missing/);
    const sigma = list.find((d) => d.message.includes('sigma'))!;
    assert.equal(sigma.position!.line, `${JSON.stringify(bad, null, 2)}`.split('\n').findIndex((l) => l.includes('"sigma": -1')) + 1);
  });

  it('checks the optional cold staggers like the others when present, and reads a file without them', () => {
    const bad = structuredClone(DEFAULT_CALIBRATION) as unknown as { orchestration: Record<string, Record<string, Record<string, unknown>>> };
    bad.orchestration.coldMapIterationStart!.express!.medianMs = 'slow';
    const list = problems(write('cold-bad.json', `${JSON.stringify(bad, null, 2)}\n`));
    assert.deepEqual(list.map((d) => d.message.split(':')[0]), ['$.orchestration.coldMapIterationStart.express.medianMs']);
    const without = structuredClone(DEFAULT_CALIBRATION);
    delete without.orchestration.coldMapIterationStart;
    delete without.orchestration.coldParallelBranchStart;
    assert.deepEqual(readCalibrationFile(write('no-cold.json', calibrationFileText(without))), without);
  });

  it('checks the optional dispatch kinds: a bad value and an unknown kind are positioned, a file may hold some kinds or none', () => {
    const bad = structuredClone(DEFAULT_CALIBRATION) as unknown as { orchestration: { dispatchByKind: Record<string, unknown> } };
    (bad.orchestration.dispatchByKind.afterMap as { standard: { warm: { sigma: number } } }).standard.warm.sigma = -2;
    bad.orchestration.dispatchByKind.afterChoice = bad.orchestration.dispatchByKind.afterTask;
    const list = problems(write('kinds-bad.json', `${JSON.stringify(bad, null, 2)}\n`));
    assert.deepEqual(list.map((d) => d.message.split(':')[0]), ['$.orchestration.dispatchByKind.afterChoice', '$.orchestration.dispatchByKind.afterMap.standard.warm.sigma']);
    assert.match(list[0]!.message, /is not a kind of Task dispatch \(afterTask, afterMap, mapFirstItem, mapNextItem\)/);
    assert.ok(list.every((d) => d.position !== undefined && d.position.line > 1));
    const badIsolated = structuredClone(DEFAULT_CALIBRATION) as unknown as { orchestration: { isolatedColdTaskDispatch: Record<string, unknown> } };
    badIsolated.orchestration.isolatedColdTaskDispatch.lambda = badIsolated.orchestration.isolatedColdTaskDispatch.standard;
    assert.deepEqual(problems(write('isolated-bad.json', `${JSON.stringify(badIsolated, null, 2)}\n`)).map((d) => d.message.split(':')[0]), ['$.orchestration.isolatedColdTaskDispatch.lambda']);
    const some = structuredClone(DEFAULT_CALIBRATION);
    delete some.orchestration.dispatchByKind!.afterMap;
    assert.deepEqual(readCalibrationFile(write('some-kinds.json', calibrationFileText(some))), some);
    const none = structuredClone(DEFAULT_CALIBRATION);
    delete none.orchestration.dispatchByKind;
    assert.deepEqual(readCalibrationFile(write('no-kinds.json', calibrationFileText(none))), none);
  });

  it('says where a file is not JSON, and when it is missing', () => {
    const [syntax] = problems(write('broken.json', '{"version": 1,\n  "source": }'));
    assert.equal(syntax!.code, 'DAGC0581');
    assert.equal(syntax!.position!.line, 2);
    assert.equal(problems(path.join(dir, 'nope.json'))[0]!.code, 'DAGC0580');
  });
});
