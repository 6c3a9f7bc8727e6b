// Reads a zip archive (as CreateFunction's Code.ZipFile carries it) into
// {path, bytes} entries: the central directory is found through the
// end-of-central-directory record, entries are stored (0) or deflated (8).
// No zip64, no encryption: Lambda deployment zips rarely need either. O(size).
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  path: string;
  bytes: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function readZip(archive: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let offset = archive.length - 22; offset >= Math.max(0, archive.length - 22 - 0xffff); offset -= 1) {
    if (archive.readUInt32LE(offset) === EOCD) {
      eocd = offset;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = archive.readUInt16LE(eocd + 10);
  let cursor = archive.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (archive.readUInt32LE(cursor) !== CENTRAL) throw new Error(`zip central directory is corrupt at byte ${cursor}`);
    const method = archive.readUInt16LE(cursor + 10);
    const compressedSize = archive.readUInt32LE(cursor + 20);
    const nameLength = archive.readUInt16LE(cursor + 28);
    const extraLength = archive.readUInt16LE(cursor + 30);
    const commentLength = archive.readUInt16LE(cursor + 32);
    const localOffset = archive.readUInt32LE(cursor + 42);
    const path = archive.subarray(cursor + 46, cursor + 46 + nameLength).toString('utf8');
    cursor += 46 + nameLength + extraLength + commentLength;
    if (path.endsWith('/')) continue;
    if (archive.readUInt32LE(localOffset) !== LOCAL) throw new Error(`zip entry '${path}' has no local header`);
    const dataStart = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) entries.push({ path, bytes: Buffer.from(data) });
    else if (method === 8) entries.push({ path, bytes: inflateRawSync(data) });
    else throw new Error(`zip entry '${path}' uses compression method ${method}; only stored and deflated are supported`);
  }
  return entries;
}
