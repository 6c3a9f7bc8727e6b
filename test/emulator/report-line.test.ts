import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { billedDurationMs, reportLine, type ReportFields } from '../../src/emulator/report-line.ts';

// Real, tab-separated lines with 1 ms billing and no fields the emulator never writes.
function realLines(): string[] {
  const text = readFileSync(new URL('./report-lines/examples.txt', import.meta.url), 'utf8');
  return text
    .split('\n')
    .map((line) => line.replace(/\t$/, ''))
    .filter((line) => line.startsWith('REPORT RequestId: ') && line.includes('\t') && !/Restore|XRAY/.test(line))
    .filter((line) => {
      const duration = Number(/\tDuration: ([\d.]+) ms/.exec(line)![1]);
      return Number(/Billed Duration: (\d+) ms/.exec(line)![1]) === Math.ceil(duration);
    });
}

function parse(line: string): ReportFields {
  const field = (name: string): string | undefined => new RegExp(`\\t${name}: ([^\\t]+?)(?: ms| MB)?(?:\\t|$)`).exec(line)?.[1];
  const fields: ReportFields = {
    requestId: /^REPORT RequestId: (\S+)/.exec(line)![1]!,
    durationMs: Number(field('Duration')),
    memorySizeMb: Number(field('Memory Size')),
    maxMemoryUsedMb: Number(field('Max Memory Used')),
  };
  const init = field('Init Duration');
  if (init !== undefined) fields.initDurationMs = Number(init);
  const status = field('Status');
  if (status === 'timeout' || status === 'error') fields.status = status;
  const errorType = field('Error Type');
  if (errorType !== undefined) fields.errorType = errorType;
  return fields;
}

describe('emulator: REPORT line format', () => {
  it('renders real Lambda REPORT lines byte for byte from their fields', () => {
    const lines = realLines();
    assert.ok(lines.length >= 8, `only ${lines.length} usable lines`);
    for (const line of lines) assert.equal(reportLine(parse(line)), line);
  });

  it('bills every duration at the next whole millisecond, never less than the duration shown', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 900_000, noNaN: true }), (durationMs) => {
        const shown = Number(durationMs.toFixed(2));
        const billed = billedDurationMs(durationMs);
        assert.ok(billed >= shown && billed < shown + 1 + 1e-9, `${durationMs} → ${billed}`);
      }),
    );
  });
});
