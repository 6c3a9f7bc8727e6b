import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { billedDurationMs, reportLine, type ReportFields } from '../../src/emulator/report-line.ts';

// Real, tab-separated lines with 1 ms billing and no fields the emulator never writes. In
// CloudWatch every field ends with a tab and the message with a newline; some authors trimmed
// the last tab when they quoted a line, so it is put back here.
function realLines(): string[] {
  const text = readFileSync(new URL('./report-lines/examples.txt', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('REPORT RequestId: ') && line.includes('\t') && !/Restore|XRAY/.test(line))
    .map((line) => `${line.replace(/\t$/, '')}\t\n`)
    .filter((line) => {
      const durationMs = Number(/\tDuration: ([\d.]+) ms/.exec(line)![1]);
      const initMs = Number(/\tInit Duration: ([\d.]+) ms/.exec(line)?.[1] ?? 0);
      const billedMs = Number(/Billed Duration: (\d+) ms/.exec(line)![1]);
      return billedMs === Math.ceil(durationMs) || billedMs === Math.ceil(durationMs + initMs);
    });
}

function parse(line: string): ReportFields {
  const field = (name: string): string | undefined => new RegExp(`\\t${name}: ([^\\t]+?)(?: ms| MB)?(?:\\t|$)`).exec(line)?.[1];
  const fields: ReportFields = {
    requestId: /^REPORT RequestId: (\S+)/.exec(line)![1]!,
    // Lines since August 2025 bill the init phase too.
    billInitPhase: Number(field('Billed Duration')) !== Math.ceil(Number(field('Duration'))),
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
    assert.ok(lines.length >= 10, `only ${lines.length} usable lines`);
    assert.ok(lines.some((line) => /Init Duration/.test(line) && Number(/Billed Duration: (\d+)/.exec(line)![1]) > 400), 'no line that bills its init phase');
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
