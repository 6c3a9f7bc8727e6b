import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

/** A copy of plans/<app> whose appFile still points at the fixture. */
function planCopy(app: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `dagc-emit-${app}-`));
  cpSync(path.join(projectRoot, 'plans', app), dir, { recursive: true });
  const plan = JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')) as { appFile: string };
  plan.appFile = path.relative(dir, path.join(projectRoot, 'fixtures', app, 'app.yaml'));
  writeFileSync(path.join(dir, 'plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
  return dir;
}

describe('dagc emit', function () {
  this.timeout(120_000);

  it('re-renders the state machine and every entry point from plan.json, the same bytes as committed, and removes a stale function folder', () => {
    const dir = planCopy('video');
    rmSync(path.join(dir, 'statemachine.asl.json'));
    cpSync(path.join(dir, 'functions', 'split'), path.join(dir, 'functions', 'gone'), { recursive: true });
    const result = runCli(['emit', dir]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(path.join(dir, 'statemachine.asl.json'), 'utf8'), readFileSync(path.join(projectRoot, 'plans/video/statemachine.asl.json'), 'utf8'));
    assert.equal(readFileSync(path.join(dir, 'functions/split/index.mjs'), 'utf8'), readFileSync(path.join(projectRoot, 'plans/video/functions/split/index.mjs'), 'utf8'));
    assert.ok(!existsSync(path.join(dir, 'functions', 'gone')));
    assert.match(result.stdout, /statemachine\.asl\.json/);
  });

  it('exits 2 with a diagnostic when the folder holds no plan', () => {
    const result = runCli(['emit', mkdtempSync(path.join(tmpdir(), 'dagc-empty-'))]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /DAGC\d{4}/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });
});

describe('dagc run --local', function () {
  this.timeout(300_000);

  it('runs a plan, prints the timeline and the result, and writes a GetExecutionHistory-shaped history', () => {
    const dir = planCopy('sebs-excamera');
    const history = path.join(dir, 'history.json');
    const result = runCli(['run', dir, '--local', '--cpu-limit', 'none', '--history', history]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^state\s+start ms\s+end ms\s+lambda$/m);
    // The committed plan fuses rebase-00 … rebase-07 into one Task state (a dispatch saved per member).
    assert.match(result.stdout, /^_fuse-rebase-00_[0-9a-f]{8}\s+\d+\s+\d+\s+(cold|warm)$/m);
    assert.doesNotMatch(result.stdout, /^rebase-0\d\s/m, 'no rebase step runs as a state of its own');
    assert.match(result.stdout, /Lambda invocations, \d+ cold/);
    const events = (JSON.parse(readFileSync(history, 'utf8')) as { events: Array<{ id: number; previousEventId: number; type: string; timestamp: string }> }).events;
    assert.equal(events[0]!.type, 'ExecutionStarted');
    assert.equal(events.at(-1)!.type, 'ExecutionSucceeded');
    assert.ok(events.some((e) => e.type === 'TaskStateEntered') && events.some((e) => e.type === 'MapIterationStarted') && events.some((e) => e.type === 'TaskSucceeded'));
    // previousEventId links each event to the one it follows in its own state's chain (src/runtime/local/execution-history.ts), always an earlier one.
    events.forEach((e, i) => {
      assert.equal(e.id, i + 1);
      if (i === 0) assert.equal(e.previousEventId, 0);
      else assert.ok(e.previousEventId > 0 && e.previousEventId < e.id, `${e.type} ${e.id} follows ${e.previousEventId}`);
      assert.ok(!Number.isNaN(Date.parse(e.timestamp)));
    });
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const e of events.filter((x) => x.type === 'TaskScheduled')) assert.equal(byId.get(e.previousEventId)!.type, 'TaskStateEntered');
  });

  it('exits 2 naming the missing file when the plan was never emitted', () => {
    const dir = planCopy('video');
    rmSync(path.join(dir, 'statemachine.asl.json'));
    const result = runCli(['run', dir, '--local']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /DAGC0422 .*statemachine\.asl\.json/);
  });

  it('exits 2 with DAGC0431 when --local is not given', () => {
    const result = runCli(['run', path.join(projectRoot, 'plans', 'video')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /DAGC0431/);
  });

  it('exits 2 with DAGC0428 on an input file that is not JSON', () => {
    const dir = planCopy('video');
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{nope');
    const result = runCli(['run', dir, '--local', '--input', bad]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /DAGC0428/);
  });
});
