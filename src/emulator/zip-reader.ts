// Reads a zip archive (Lambda's Code.ZipFile) into its file entries. Walks the
// central directory, then each entry's local header; supports the two methods
// real deployment zips use (0 stored, 8 deflated, via node:zlib inflateRaw) and
// checks every CRC-32. Rejects what Lambda would not run: zip64, encryption,
// absolute paths and `..` segments (zip-slip). Linear in the archive size.
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Forward-slash path inside the archive, never absolute, never with `..`. */
  path: string;
  bytes: Buffer;
}

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;

export function readZip(archive: Buffer): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(archive);
  const entryCount = archive.readUInt16LE(eocd + 10);
  const directoryOffset = archive.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) throw new ZipFormatError('zip64 archives are not supported');
  const entries: ZipEntry[] = [];
  let cursor = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    need(archive, cursor, 46);
    if (archive.readUInt32LE(cursor) !== CENTRAL_SIGNATURE) throw new ZipFormatError(`bad central directory entry at byte ${cursor}`);
    const flags = archive.readUInt16LE(cursor + 8);
    const method = archive.readUInt16LE(cursor + 10);
    const crc = archive.readUInt32LE(cursor + 16);
    const compressedBytes = archive.readUInt32LE(cursor + 20);
    const uncompressedBytes = archive.readUInt32LE(cursor + 24);
    const nameBytes = archive.readUInt16LE(cursor + 28);
    const extraBytes = archive.readUInt16LE(cursor + 30);
    const commentBytes = archive.readUInt16LE(cursor + 32);
    const localOffset = archive.readUInt32LE(cursor + 42);
    need(archive, cursor + 46, nameBytes);
    const name = archive.toString('utf8', cursor + 46, cursor + 46 + nameBytes);
    cursor += 46 + nameBytes + extraBytes + commentBytes;
    if (flags & 0x1) throw new ZipFormatError(`${name}: encrypted entries are not supported`);
    if (name.endsWith('/')) continue;
    const data = localData(archive, localOffset, compressedBytes, name);
    const bytes = decompress(data, method, name);
    if (bytes.length !== uncompressedBytes) throw new ZipFormatError(`${name}: size ${bytes.length} does not match the directory's ${uncompressedBytes}`);
    if (crc32(bytes) >>> 0 !== crc) throw new ZipFormatError(`${name}: CRC-32 mismatch`);
    entries.push({ path: safePath(name), bytes });
  }
  return entries;
}

function findEndOfCentralDirectory(archive: Buffer): number {
  const lowest = Math.max(0, archive.length - EOCD_MIN_BYTES - MAX_COMMENT_BYTES);
  for (let at = archive.length - EOCD_MIN_BYTES; at >= lowest; at--) {
    if (archive.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw new ZipFormatError('not a zip archive (no end-of-central-directory record)');
}

function localData(archive: Buffer, offset: number, compressedBytes: number, name: string): Buffer {
  need(archive, offset, 30);
  if (archive.readUInt32LE(offset) !== LOCAL_SIGNATURE) throw new ZipFormatError(`${name}: bad local header`);
  // The local header's own name/extra lengths may differ from the central directory's.
  const start = offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28);
  need(archive, start, compressedBytes);
  return archive.subarray(start, start + compressedBytes);
}

function decompress(data: Buffer, method: number, name: string): Buffer {
  if (method === 0) return Buffer.from(data);
  if (method === 8) {
    try {
      return inflateRawSync(data);
    } catch (error) {
      throw new ZipFormatError(`${name}: ${(error as Error).message}`);
    }
  }
  throw new ZipFormatError(`${name}: compression method ${method} is not supported (only stored and deflated)`);
}

function safePath(name: string): string {
  const normalized = name.replace(/\\/g, '/');
  const segments = normalized.split('/').filter((s) => s !== '' && s !== '.');
  if (normalized.startsWith('/') || /^[A-Za-z]:/.test(normalized) || segments.includes('..') || segments.length === 0) {
    throw new ZipFormatError(`${name}: entry path escapes the archive`);
  }
  return segments.join('/');
}

function need(archive: Buffer, offset: number, bytes: number): void {
  if (offset < 0 || offset + bytes > archive.length) throw new ZipFormatError('archive is truncated');
}
