// dagc import as a user runs it, and the pipeline after it: the imported
// app.yaml validates, `dagc profile --from-logs` builds profiles for its
// profile-only functions from REPORT lines, and `dagc optimize` sizes the
// Lambda functions while the pinned service calls stay at 128 MB.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import { runCli } from '../helpers/run-cli.ts';

const data = fileURLToPath(new URL('../import/data/asl/', import.meta.url));

async function dagc(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(['node', 'dagc', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

function workDir(definition: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dagc-import-cli-'));
  const file = path.join(dir, definition);
  copyFileSync(path.join(data, definition), file);
  return { dir, file };
}

/**
 * REPORT lines for one function: 5 invocations at each of 128–2048 MB, the
 * duration falling with memory as a partly parallel function's does
 * (∝ memory^-0.7), slower functions for larger `scale`. Constructed for this
 * test in Lambda's documented REPORT format.
 */
function reportLines(baseMs: number, firstId: number): string {
  const lines: string[] = [];
  let id = firstId;
  for (const memoryMb of [128, 256, 512, 1024, 2048]) {
    for (let run = 0; run < 5; run++) {
      const durationMs = baseMs * (1024 / memoryMb) ** 0.7 * (1 + 0.03 * run);
      const requestId = `00000000-0000-4000-8000-${String(id++).padStart(12, '0')}`;
      lines.push(`REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\tMemory Size: ${memoryMb} MB\tMax Memory Used: 60 MB`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('dagc import', function () {
  this.timeout(120_000);

  it('writes app.yaml beside the definition, prints each warning with file:line:col, exits 0, and the result validates', async () => {
    const { dir, file } = workDir('image-processing-app.asl.json');
    const result = await dagc(['import', file]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /app\.yaml: 4 steps, 4 functions from .*image-processing-app\.asl\.json \(2 warnings\)/);
    assert.match(result.stderr, /image-processing-app\.asl\.json:50:5: DAGC0552 \$\.States\['Map State'\]: how many items/);
    assert.match(result.stderr, /\n {2}fix: set steps\.Generate-Cheque-Images\.map\.width/);
    const validate = await dagc(['validate', path.join(dir, 'app.yaml')]);
    assert.equal(validate.status, 0, validate.stderr);
    assert.match(validate.stdout, /valid \(4 steps, 4 functions, 3 edges\)/);
  });

  it('exits 2 with the line and column of a JSON syntax error and no stack trace, writing nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-import-cli-'));
    const file = path.join(dir, 'broken.asl.json');
    writeFileSync(file, '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Task" "End": true }\n  }\n}\n');
    const result = runCli(['import', file, '--out', path.join(dir, 'app.yaml')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /broken\.asl\.json:4:27: DAGC0541 JSON syntax error: comma expected/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.ok(!existsSync(path.join(dir, 'app.yaml')));
  });

  it('replaces an app.yaml it wrote, but not one a person wrote unless --force', async () => {
    const { dir, file } = workDir('synchronous-api.asl.json');
    const app = path.join(dir, 'app.yaml');
    assert.equal((await dagc(['import', file])).status, 0);
    assert.equal((await dagc(['import', file])).status, 0, 'its own output is replaced');
    writeFileSync(app, 'name: mine\n');
    const refused = await dagc(['import', file]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /DAGC0565 .*app\.yaml exists and was not written by dagc import/);
    assert.equal(readFileSync(app, 'utf8'), 'name: mine\n');
    assert.equal((await dagc(['import', file, '--force'])).status, 0);
    assert.match(readFileSync(app, 'utf8'), /^# Imported by dagc import\./);
  });

  it('exits 2 with DAGC0540 for a file that does not exist', async () => {
    const result = await dagc(['import', path.join(tmpdir(), 'no-such-dagc-definition.asl.json')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /DAGC0540 cannot read/);
  });

  it('feeds dagc profile --from-logs and dagc optimize: Lambdas are sized, pinned service calls stay at 128 MB', async () => {
    const { dir, file } = workDir('cqrs.asl.json');
    const app = path.join(dir, 'app.yaml');
    assert.equal((await dagc(['import', file, '--out', app])).status, 0);
    const functions = [...readFileSync(app, 'utf8').matchAll(/^ {2}([A-Za-z][\w-]*): +\{ ?(memory: 128[^}]*)?\}/gm)].map((m) => ({ name: m[1]!, pinned: m[2] !== undefined }));
    assert.equal(functions.length, 6);
    const logs = path.join(dir, 'logs');
    mkdirSync(logs);
    // Service calls are quick (tens of ms), the two Lambdas slow at their 128 MB default.
    functions.forEach((fn, i) => writeFileSync(path.join(logs, `${fn.name}.log`), reportLines(fn.pinned ? 20 : 300 + 100 * i, 1 + 100 * i)));
    const profile = await dagc(['profile', app, '--from-logs', logs]);
    assert.equal(profile.status, 0, profile.stderr);
    for (const fn of functions) assert.ok(existsSync(path.join(dir, 'profiles', `${fn.name}.json`)), fn.name);
    const optimize = await dagc(['optimize', app, '--slo', 'p95=1500ms', '--out', path.join(dir, 'plan'), '--samples', '1000']);
    assert.equal(optimize.status, 0, optimize.stderr);
    const plan = JSON.parse(readFileSync(path.join(dir, 'plan', 'plan.json'), 'utf8'));
    assert.equal(plan.predicted.meetsSlo, true);
    assert.equal(plan.outOfSample.meetsSlo, true, 'and on independent draws');
    assert.deepEqual(Object.keys(plan.functions).sort(), functions.map((f) => f.name).sort());
    for (const fn of functions.filter((f) => f.pinned)) assert.equal(plan.functions[fn.name].memoryMb, 128, `${fn.name} is pinned`);
    const lambdas = functions.filter((f) => !f.pinned);
    assert.equal(lambdas.length, 2);
    assert.ok(lambdas.some((f) => plan.functions[f.name].memoryMb > 128), 'the SLO is met by giving a Lambda more memory');
  });
});
