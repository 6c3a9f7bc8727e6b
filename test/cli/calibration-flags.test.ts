// Using a calibration: optimize/simulate --calibration, app.yaml platform:,
// what plan.json records and what explain says of the values used.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calibrationFromObservations } from '../../src/calibrate/calibration-from-observations.ts';
import { calibrationFileText } from '../../src/calibrate/calibration-file.ts';
import { planSchemaErrors } from '../../src/codegen/plan.ts';
import type { GapObservation } from '../../src/model/calibration.ts';
import { runInProcess } from '../helpers/in-process-cli.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dagc-calibration-flags-'));
const gaps: GapObservation[] = Array.from({ length: 20 }, (_, i) => ({ kind: 'task', orchestration: i % 2 ? 'express' : 'standard', cold: false, gapMs: 150 + i }));
const calibration = calibrationFromObservations(gaps, 'twenty measured gaps');
const calibrationFile = path.join(dir, 'calibration.json');
writeFileSync(calibrationFile, calibrationFileText(calibration));

/** A copy of the mapreduce fixture whose app.yaml ends with `extra`. */
function appWith(name: string, extra: string): string {
  const copy = path.join(dir, name);
  cpSync(path.join(projectRoot, 'fixtures', 'mapreduce'), copy, { recursive: true });
  appendFileSync(path.join(copy, 'app.yaml'), extra);
  return path.join(copy, 'app.yaml');
}

describe('a calibration in optimize, simulate and explain', function () {
  this.timeout(300_000);
  const planDir = path.join(dir, 'plan');

  it('optimize --calibration records where the values came from and the values in plan.json; explain prints them', async () => {
    const optimized = await runInProcess(['optimize', path.join(projectRoot, 'fixtures/mapreduce/app.yaml'), '--slo', 'p95=4s', '--samples', '300', '--out', planDir, '--calibration', calibrationFile]);
    assert.equal(optimized.code, 0, optimized.stderr);
    const plan = JSON.parse(readFileSync(path.join(planDir, 'plan.json'), 'utf8'));
    assert.deepEqual(planSchemaErrors(plan), []);
    assert.equal(plan.calibration.origin, `--calibration ${calibrationFile}`);
    assert.deepEqual(plan.calibration.values, JSON.parse(calibrationFileText(calibration)));
    const explained = await runInProcess(['explain', planDir]);
    assert.equal(explained.code, 0, explained.stderr);
    assert.match(explained.stdout, new RegExp(`\\[platform latencies\\] --calibration ${calibrationFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.match(explained.stdout, /Task dispatch, standard, warm .* 10 obs\. — twenty measured gaps: 10 warm standard Task dispatches/);
  });

  it('refuses a plan whose recorded calibration was edited into something the estimator cannot draw (exit 2, DAGC0582)', async () => {
    const edited = path.join(dir, 'edited');
    cpSync(planDir, edited, { recursive: true });
    const plan = JSON.parse(readFileSync(path.join(edited, 'plan.json'), 'utf8'));
    plan.calibration.values.orchestration.taskDispatch.standard.warm.medianMs = -5;
    writeFileSync(path.join(edited, 'plan.json'), JSON.stringify(plan));
    for (const command of ['explain', 'simulate']) {
      const result = await runInProcess([command, edited]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /DAGC0582 .*plan\.json: \$\.calibration\.values\.orchestration\.taskDispatch\.standard\.warm\.medianMs: must be a number ≥ 0/);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
  });

  it('explain says a plan made without one used the shipped defaults, with their sources', async () => {
    const explained = await runInProcess(['explain', path.join(projectRoot, 'plans', 'mapreduce')]);
    assert.equal(explained.code, 0, explained.stderr);
    assert.match(explained.stdout, /\[platform latencies\] shipped defaults/);
    assert.match(explained.stdout, /Task dispatch, express, cold .* default — estimate: Standard's value, no Express trace/);
    // The kinds of Task dispatch and the cold dispatch outside a wave, each with its source and observations.
    assert.match(explained.stdout, /Task dispatch after a Task, standard, warm .* 209 obs\. — fit: SeBS-Flow AWS traces .*: 209 warm standard Task dispatches after a Task/);
    assert.match(explained.stdout, /Task dispatch a Map's first item, standard, cold .* default — no cold Map first-item dispatches: the pooled cold Task dispatch/);
    assert.match(explained.stdout, /Task dispatch, standard, cold outside a wave .* 10 obs\. — fit: .*isolated cold standard Task dispatches/);
  });

  it("simulate re-estimates a plan with its recorded calibration, and --calibration overrides it", async () => {
    const fromPlan = await runInProcess(['simulate', planDir, '--samples', '200', '--json']);
    assert.equal(fromPlan.code, 0, fromPlan.stderr);
    assert.deepEqual(JSON.parse(fromPlan.stdout).calibration, { origin: `--calibration ${calibrationFile}`, source: 'twenty measured gaps' });
    const other = path.join(dir, 'other.json');
    writeFileSync(other, calibrationFileText({ ...calibration, source: 'another fit' }));
    const overridden = await runInProcess(['simulate', planDir, '--samples', '200', '--json', '--calibration', other]);
    assert.deepEqual(JSON.parse(overridden.stdout).calibration, { origin: `--calibration ${other}`, source: 'another fit' });
    const plain = await runInProcess(['simulate', path.join(projectRoot, 'fixtures/mapreduce/app.yaml'), '--samples', '200']);
    assert.match(plain.stdout, /platform latencies: shipped defaults/);
  });

  it("takes app.yaml's platform.calibration as a file relative to the app, or inline", async () => {
    cpSync(calibrationFile, path.join(dir, 'cal.json'));
    const byFile = await runInProcess(['simulate', appWith('by-file', 'platform:\n  calibration: ../cal.json\n'), '--samples', '200', '--json']);
    assert.equal(byFile.code, 0, byFile.stderr);
    assert.equal(JSON.parse(byFile.stdout).calibration.origin, 'app.yaml platform.calibration: ../cal.json');
    const inline = JSON.stringify(JSON.parse(calibrationFileText({ ...calibration, source: 'inline fit' })));
    const byValue = await runInProcess(['simulate', appWith('inline', `platform:\n  calibration: ${inline}\n`), '--samples', '200', '--json']);
    assert.equal(byValue.code, 0, byValue.stderr);
    assert.deepEqual(JSON.parse(byValue.stdout).calibration, { origin: 'app.yaml platform.calibration (inline)', source: 'inline fit' });
  });

  it('reports a bad platform section at its place in app.yaml, exit 2 and no stack', async () => {
    const appFile = appWith('bad-inline', 'platform:\n  calibration:\n    version: 1\n    source: hand-written\n    orchestration: {}\n');
    const bad = await runInProcess(['simulate', appFile, '--samples', '50']);
    assert.equal(bad.code, 2);
    const lines = readFileSync(appFile, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('orchestration: {}')) + 1;
    assert.match(bad.stderr, new RegExp(`app\\.yaml:${line}:\\d+: DAGC0582 \\$\\.platform\\.calibration\\.orchestration\\.taskDispatch: missing`));
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
    const missing = appWith('missing', 'platform:\n  calibration: nowhere.json\n');
    const gone = await runInProcess(['optimize', missing, '--slo', 'p95=2s', '--samples', '50', '--out', path.join(dir, 'never')]);
    assert.equal(gone.code, 2);
    const missingLine = readFileSync(missing, 'utf8').split('\n').findIndex((l) => l.includes('nowhere.json')) + 1;
    assert.match(gone.stderr, new RegExp(`app\\.yaml:${missingLine}:\\d+: DAGC0580 cannot read calibration file .*nowhere\\.json: no such file`));
    const flag = await runInProcess(['simulate', path.join(projectRoot, 'fixtures/mapreduce/app.yaml'), '--calibration', path.join(dir, 'absent.json')]);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /DAGC0580/);
  });
});
