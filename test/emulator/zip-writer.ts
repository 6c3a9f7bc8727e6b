// Test helper: writes a real zip (stored or deflated entries, CRC-32, central
// directory), the bytes `zip -r` would produce, so CreateFunction is exercised
// with a genuine archive.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

export type ZipMethod = 'stored' | 'deflated';

export function writeZip(files: Record<string, string | Buffer>, method: ZipMethod = 'deflated'): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const entries = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [name, content] of entries) {
    const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const code = method === 'stored' ? 0 : 8;
    const data = code === 0 ? raw : deflateRawSync(raw);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(code, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(code, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

/** Zips every file under a folder (paths relative to it), like `cd folder && zip -r`. */
export function zipFolder(folder: string, method: ZipMethod = 'deflated'): Buffer {
  const files: Record<string, Buffer> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(folder, full).split(path.sep).join('/')] = readFileSync(full);
    }
  };
  walk(folder);
  return writeZip(files, method);
}
