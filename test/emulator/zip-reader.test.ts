import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { readZip } from '../../src/emulator/zip-reader.ts';
import { writeZip } from './zip-writer.ts';

describe('emulator: zip reader', () => {
  it('reads back every file a zip writer put in, deflated', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,8}(\/[a-z]{1,8})?\.mjs$/), fc.string({ maxLength: 300 }), { maxKeys: 6 }), (files) => {
        const entries = readZip(writeZip(files));
        assert.deepEqual(Object.fromEntries(entries.map((entry) => [entry.path, entry.bytes.toString('utf8')])), { ...files });
      }),
    );
  });

  it('reads stored (uncompressed) entries too', () => {
    const zip = writeZip({ 'a.mjs': 'export const handler = 1;' });
    // Re-encode the single entry as stored: method 0, data = the raw text.
    const raw = Buffer.from('export const handler = 1;');
    const deflated = deflateRawSync(raw);
    const nameLength = zip.readUInt16LE(26);
    const header = Buffer.from(zip.subarray(0, 30 + nameLength));
    header.writeUInt16LE(0, 8);
    header.writeUInt32LE(raw.length, 18);
    const central = Buffer.from(zip.subarray(30 + nameLength + deflated.length, zip.length - 22));
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(raw.length, 20);
    const end = Buffer.from(zip.subarray(zip.length - 22));
    end.writeUInt32LE(header.length + raw.length, 16);
    const stored = Buffer.concat([header, raw, central, end]);
    assert.equal(readZip(stored)[0]?.bytes.toString('utf8'), 'export const handler = 1;');
  });

  it('reads a folder zipped with stored entries the same as with deflated ones', () => {
    const files = { 'handler.mjs': 'export const handler = async () => 1;\n', 'lib/util.mjs': 'export const two = 2;\n' };
    const read = (method: 'stored' | 'deflated') => readZip(writeZip(files, method)).map((entry) => [entry.path, entry.bytes.toString('utf8')]);
    assert.deepEqual(read('stored'), read('deflated'));
    assert.deepEqual(Object.fromEntries(read('stored')), files);
  });

  it('rejects an entry that would escape the code directory (zip slip)', () => {
    assert.throws(() => readZip(writeZip({ '../evil.mjs': 'x' })), /escapes the archive/);
    assert.throws(() => readZip(writeZip({ '/etc/evil.mjs': 'x' })), /escapes the archive/);
  });

  it('rejects an entry whose bytes do not match its CRC-32', () => {
    const zip = writeZip({ 'a.mjs': 'export const handler = 1;' }, 'stored');
    const at = 30 + 'a.mjs'.length;
    zip[at] = zip[at]! ^ 0xff;
    assert.throws(() => readZip(zip), /CRC-32 mismatch/);
  });

  it('rejects bytes that are not a zip', () => {
    assert.throws(() => readZip(Buffer.from('definitely not a zip file, just text')), /not a zip/);
  });
});
