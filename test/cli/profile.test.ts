import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProfile } from '../../src/model/profile.ts';
import { main } from '../../src/cli/main.ts';
import { runCli } from '../helpers/run-cli.ts';

/** The CLI in-process (a child process costs seconds of start-up on a busy box). */
async function dagc(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(['node', 'dagc', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

const examples = fileURLToPath(new URL('../profiler/data/report-lines/examples.txt', import.meta.url));

function app(functions: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dagc-profile-cli-'));
  writeFileSync(path.join(dir, 'h.mjs'), 'export const handler = async () => 1;\n');
  const lines = ['name: demo', 'functions:', ...functions.map((fn) => `  ${fn}: { handler: h.mjs, memory: 512, architectures: [arm64] }`), 'steps:'];
  functions.forEach((fn, i) => lines.push(`  s${i}: { function: ${fn}${i > 0 ? `, needs: [s${i - 1}]` : ''} }`));
  writeFileSync(path.join(dir, 'app.yaml'), `${lines.join('\n')}\n`);
  return dir;
}

describe('dagc profile --from-logs', () => {
  it('writes a fitted profile per function from a directory of <function>.log files, invoking nothing', async () => {
    const dir = app(['resize', 'detect']);
    copyFileSync(examples, path.join(dir, 'resize.log'));
    const result = await dagc(['profile', path.join(dir, 'app.yaml'), '--from-logs', dir]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /from existing logs, no invocations/);
    assert.match(result.stdout, /resize\s+arm64\s+128,256,512,1024,1769,2048,3009,3538,4096\s+26\s/);
    const profile = readProfile(path.join(dir, 'profiles', 'resize.json'));
    assert.equal(profile.source.kind, 'logs');
    const arm = profile.architectures.arm64!;
    assert.equal(arm.measurements.length, 9);
    assert.equal(arm.model?.kind, 'amdahl-lognormal');
    assert.ok(!existsSync(path.join(dir, 'profiles', 'detect.json')), 'a function without logs gets no profile');
  });

  it('prints a JSON summary with --json and the same bytes on a second run', async () => {
    const dir = app(['only']);
    const args = ['profile', path.join(dir, 'app.yaml'), '--from-logs', examples, '--json', '--out', path.join(dir, 'out')];
    const first = await dagc(args);
    assert.equal(first.status, 0, first.stderr);
    const summary = JSON.parse(first.stdout);
    assert.equal(summary.mode, 'logs');
    assert.equal(summary.totals.invocations, 26);
    assert.equal(summary.functions[0].profilePath, path.join(dir, 'out', 'only.json'));
    assert.equal((await dagc(args)).stdout, first.stdout);
  });

  it('exits 2 with DAGC0253 when one log file could belong to any of several functions', () => {
    const dir = app(['a', 'b']);
    const result = runCli(['profile', path.join(dir, 'app.yaml'), '--from-logs', examples]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /DAGC0253/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('exits 2 on a bad --memory list before touching any AWS endpoint', async () => {
    const dir = app(['a']);
    const result = await dagc(['profile', path.join(dir, 'app.yaml'), '--memory', '64,128', '--endpoint', 'http://127.0.0.1:1']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /DAGC0255 --memory 64,128: 64 MB is outside/);
  });
});
