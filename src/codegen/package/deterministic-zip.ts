// A folder as a zip whose bytes depend only on the files' paths and contents,
// so the same plan gives the same deployment package and its hash can be
// reviewed (issue 22). What would otherwise leak into the bytes, and how it
// is pinned:
// - order: entries sorted by their path (UTF-8 byte order, '/' separators);
// - time: every entry dated 2000-01-01 00:00 in DOS format only. yazl encodes
//   DOS time from the Date's *local* fields, so the Date is built from local
//   fields at each call (the zone may change while a process runs), and the
//   extended (UTC) timestamp field is switched off (forceDosTimestamp): the
//   bytes are the same in every time zone. Not the DOS epoch 1980-01-01:
//   yazl clamps dates before its own 1980-01-01 (taken in the zone it was
//   loaded in), which would shift the epoch in zones east of that one;
// - mode: 0644 regular files (Lambda only needs them readable), no
//   directory entries (unzip creates directories from paths);
// - compression: none (stored). Deflate output depends on the zlib build, so
//   stored entries keep the hash stable across Node versions; packages stay
//   small (handler modules and the runtime, no node_modules).
// Symbolic links and other special files are refused rather than followed.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';

/** 2000-01-01 00:00 in the current local time zone. */
function fixedMtime(): Date {
  return new Date(2000, 0, 1, 0, 0, 0);
}
const FILE_MODE = 0o100644;

/** Relative paths (with '/') of the regular files under a folder, sorted by UTF-8 bytes. */
export function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      const stat = lstatSync(full);
      if (stat.isDirectory()) walk(full, rel);
      else if (stat.isFile()) files.push(rel);
      else throw new Error(`${full}: only regular files and folders can be packaged (a link or special file would make the package depend on the machine)`);
    }
  };
  walk(root, '');
  return files.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

export async function zipFolder(root: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = fixedMtime();
  for (const rel of listFiles(root)) {
    zip.addBuffer(readFileSync(path.join(root, ...rel.split('/'))), rel, { mtime, mode: FILE_MODE, compress: false, forceDosTimestamp: true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
