// File-system faults on a real disk, through the real binary: a full tmpfs
// (ENOSPC), the same tmpfs remounted read-only (EROFS), and a file-size limit
// (ulimit -f: EFBIG). In each, dagc exits 2 with DAGC0605 and the previous
// plan.json is left byte for byte. Mounting needs root with CAP_SYS_ADMIN;
// where that is missing those two tests skip (the injected-fault tests in
// hostile-input.test.ts cover the same paths everywhere).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

const app = path.join(projectRoot, 'fixtures', 'video', 'app.yaml');
const previousPlan = '{"previous":"plan"}\n';

function mounted(dir: string, options: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}

describe('dagc optimize on a real failing disk', function () {
  this.timeout(120_000);
  let scratch: string;
  let mountPoint: string | undefined;
  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'dagc-disk-'));
  });
  afterEach(() => {
    if (mountPoint) spawnSync('umount', [mountPoint], { stdio: 'ignore' });
    mountPoint = undefined;
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  function tinyDisk(this: Mocha.Context, name: string): string {
    const dir = path.join(scratch, name);
    mkdirSync(dir);
    if (process.platform !== 'linux' || !mounted(dir, 'size=64k')) this.skip();
    mountPoint = dir;
    writeFileSync(path.join(dir, 'plan.json'), previousPlan);
    return dir;
  }

  it('keeps the previous plan when the disk is full (ENOSPC)', function () {
    const dir = tinyDisk.call(this, 'full');
    spawnSync('dd', ['if=/dev/zero', `of=${path.join(dir, 'filler')}`, 'bs=4k'], { stdio: 'ignore' });
    const result = runCli(['optimize', app, '--samples', '50', '--out', dir]);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /DAGC0605 cannot write .*plan\.json: the disk is full; the previous file there was left unchanged/);
    assert.equal(readFileSync(path.join(dir, 'plan.json'), 'utf8'), previousPlan);
    assert.deepEqual(readdirSync(dir).sort(), ['filler', 'plan.json']);
  });

  it('keeps the previous plan on a read-only file system (EROFS)', function () {
    const dir = tinyDisk.call(this, 'read-only');
    assert.equal(spawnSync('mount', ['-o', 'remount,ro', dir]).status, 0);
    const result = runCli(['optimize', app, '--samples', '50', '--out', dir]);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /DAGC0605 cannot write .*plan\.json: the file system is read-only/);
    assert.equal(readFileSync(path.join(dir, 'plan.json'), 'utf8'), previousPlan);
  });

  it('keeps the previous plan when the plan exceeds the file-size limit (EFBIG)', function () {
    const dir = path.join(scratch, 'size-limit');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'plan.json'), previousPlan);
    const bin = path.join(projectRoot, 'bin', 'dagc.mjs');
    // 4 KB: above plan.json's previous bytes, below a new plan's; Node ignores SIGXFSZ, so the write fails with EFBIG.
    const result = spawnSync('bash', ['-c', `ulimit -f 4; exec "${process.execPath}" "${bin}" optimize "${app}" --samples 50 --out "${dir}"`], { encoding: 'utf8', cwd: projectRoot });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /DAGC0605 cannot write .*plan\.json: the file is larger than the file-size limit allows/);
    assert.equal(readFileSync(path.join(dir, 'plan.json'), 'utf8'), previousPlan);
    assert.deepEqual(readdirSync(dir), ['plan.json']);
  });
});
