import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listFiles, zipFolder } from '../../../src/codegen/package/deterministic-zip.ts';
import { hashesText, packageFunctions, writeFunctionPackages } from '../../../src/codegen/package/function-packages.ts';
import { projectRoot } from '../../helpers/run-cli.ts';

/** A plan folder whose functions/ holds real handler folders copied from fixtures (the shape the entry-point emitter writes). */
function planWithFunctions(): string {
  const plan = mkdtempSync(path.join(tmpdir(), 'dagc-pkg-'));
  cpSync(path.join(projectRoot, 'fixtures', 'video', 'handlers'), path.join(plan, 'functions', 'video'), { recursive: true });
  cpSync(path.join(projectRoot, 'fixtures', 'mapreduce', 'handlers'), path.join(plan, 'functions', 'mapreduce'), { recursive: true });
  return plan;
}

/** The entries of a zip of stored (uncompressed) files, read from its central directory. */
function readStoredZip(zip: Buffer): Map<string, { data: Buffer; dosDate: number; dosTime: number; mode: number }> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, { data: Buffer; dosDate: number; dosTime: number; mode: number }>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50);
    assert.equal(zip.readUInt16LE(at + 10), 0, 'stored, not deflated');
    const [dosTime, dosDate] = [zip.readUInt16LE(at + 12), zip.readUInt16LE(at + 14)];
    const size = zip.readUInt32LE(at + 24);
    const [nameLength, extraLength, commentLength] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)];
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.set(name, { data: zip.subarray(dataAt, dataAt + size), dosDate, dosTime, mode });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('deterministic function packages', function () {
  this.timeout(60_000);

  it('gives byte-identical zips and SHA256SUMS on two runs over real handler folders', async () => {
    const plan = planWithFunctions();
    const first = await packageFunctions(plan);
    const second = await packageFunctions(plan);
    assert.deepEqual(first.map((p) => p.dir), ['mapreduce', 'video']);
    assert.ok(first.every((p, i) => p.zip.equals(second[i]!.zip)));
    assert.equal(hashesText(first), hashesText(second));
  });

  it('holds every file with its exact bytes, sorted, dated 2000-01-01 00:00, mode 0644', async () => {
    const dir = path.join(planWithFunctions(), 'functions', 'video');
    const entries = readStoredZip(await zipFolder(dir));
    const files = listFiles(dir);
    assert.ok(files.includes('encode.mjs') && files.some((f) => f.startsWith('lib/')));
    assert.deepEqual([...entries.keys()], files);
    for (const [name, entry] of entries) {
      assert.ok(entry.data.equals(readFileSync(path.join(dir, name))), name);
      assert.equal(entry.dosDate, (20 << 9) | (1 << 5) | 1, '2000-01-01');
      assert.equal(entry.dosTime, 0);
      assert.equal(entry.mode, 0o100644);
    }
  });

  it('does not depend on the time zone or on the files modification times', async () => {
    const dir = path.join(planWithFunctions(), 'functions', 'video');
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const utc = await zipFolder(dir);
      process.env.TZ = 'Asia/Kolkata';
      writeFileSync(path.join(dir, 'encode.mjs'), readFileSync(path.join(dir, 'encode.mjs')));
      const kolkata = await zipFolder(dir);
      assert.ok(utc.equals(kolkata));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('changes exactly the hash of the folder whose file changed', async () => {
    const plan = planWithFunctions();
    const before = await writeFunctionPackages(plan);
    const sums = readFileSync(path.join(plan, 'functions', 'SHA256SUMS'), 'utf8');
    assert.match(sums, /^[0-9a-f]{64} {2}mapreduce\.zip\n[0-9a-f]{64} {2}video\.zip\n$/);
    const file = path.join(plan, 'functions', 'video', 'encode.mjs');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// changed\n`);
    const after = await writeFunctionPackages(plan);
    assert.equal(after[0]!.sha256, before[0]!.sha256);
    assert.notEqual(after[1]!.sha256, before[1]!.sha256);
  });

  it('writes zips that sha256sum -c would accept beside the folders', async () => {
    const plan = planWithFunctions();
    const packages = await writeFunctionPackages(plan, { writeZips: true });
    for (const p of packages) assert.ok(readFileSync(path.join(plan, 'functions', `${p.dir}.zip`)).equals(p.zip));
    // The zips beside the folders are not packaged as folders on the next run.
    assert.deepEqual((await packageFunctions(plan)).map((p) => p.sha256), packages.map((p) => p.sha256));
  });

  it('lists files by their UTF-8 bytes, with / between folders and no folder entries', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-list-'));
    for (const rel of ['b.mjs', 'B.mjs', 'ä.mjs', 'a-b.mjs', 'a/z.mjs', 'a/b/c.mjs']) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), rel);
    }
    mkdirSync(path.join(dir, 'empty'));
    // Bytes: 'B' 0x42 < 'a' 0x61 < 'b' 0x62 < 'ä' 0xc3 0xa4; in 'a-b' / 'a/…', '-' 0x2d < '/' 0x2f.
    assert.deepEqual(listFiles(dir), ['B.mjs', 'a-b.mjs', 'a/b/c.mjs', 'a/z.mjs', 'b.mjs', 'ä.mjs']);
  });

  it('refuses to package a symbolic link, naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-link-'));
    writeFileSync(path.join(dir, 'real.mjs'), 'x');
    symlinkSync(path.join(dir, 'real.mjs'), path.join(dir, 'link.mjs'));
    assert.throws(() => listFiles(dir), /link\.mjs: only regular files and folders can be packaged/);
  });

  it('packages nothing and writes no SHA256SUMS for a plan without function folders', async () => {
    const plan = mkdtempSync(path.join(tmpdir(), 'dagc-nofn-'));
    assert.deepEqual(await writeFunctionPackages(plan), []);
    mkdirSync(path.join(plan, 'functions'));
    writeFileSync(path.join(plan, 'functions', 'README'), 'not a folder');
    assert.deepEqual(await writeFunctionPackages(plan), []);
    assert.equal(existsSync(path.join(plan, 'functions', 'SHA256SUMS')), false);
  });

  it('writes no zips unless asked', async () => {
    const plan = planWithFunctions();
    await writeFunctionPackages(plan);
    assert.equal(existsSync(path.join(plan, 'functions', 'video.zip')), false);
    assert.equal(existsSync(path.join(plan, 'functions', 'SHA256SUMS')), true);
  });
});
