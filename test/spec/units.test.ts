import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatBytes, parseBytes, parseDurationMs } from '../../src/spec/units.ts';

describe('units', () => {
  it('reads sizes with binary units', () => {
    assert.equal(parseBytes('20KB'), 20 * 1024);
    assert.equal(parseBytes('1.5MB'), 1.5 * 1024 * 1024);
    assert.equal(parseBytes('256 KiB'), 262_144);
    assert.equal(parseBytes('7B'), 7);
    assert.equal(parseBytes('1.5 megs'), undefined);
  });

  it('reads durations', () => {
    assert.equal(parseDurationMs('350ms'), 350);
    assert.equal(parseDurationMs('2s'), 2000);
    assert.equal(parseDurationMs('5m'), 300_000);
    assert.equal(parseDurationMs('2 seconds'), undefined);
  });

  it('formats and reads back any whole number of bytes within 0.1%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 1024 ** 3 }), (bytes) => {
        const back = parseBytes(formatBytes(bytes))!;
        assert.ok(Math.abs(back - bytes) <= Math.max(1, bytes * 0.001), `${bytes} → ${formatBytes(bytes)} → ${back}`);
      }),
      { seed: 3 },
    );
  });
});
