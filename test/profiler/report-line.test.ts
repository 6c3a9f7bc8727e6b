import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { isColdStart, parsePlatformReport, parseReportLine, startupDurationMs } from '../../src/profiler/report-line.ts';
import { scanReportText } from '../../src/profiler/report-scan.ts';

const dataDir = fileURLToPath(new URL('./data/report-lines/', import.meta.url));
const examplesText = readFileSync(`${dataDir}examples.txt`, 'utf8');
const reportLines = examplesText.split('\n').filter((line) => line.startsWith('REPORT'));
const jsonLines = readFileSync(`${dataDir}platform-report-examples.jsonl`, 'utf8').split('\n').filter((line) => line.trim() !== '');

function lineWith(requestIdPrefix: string): string {
  const line = reportLines.find((candidate) => candidate.includes(requestIdPrefix));
  assert.ok(line, `no example line with ${requestIdPrefix}`);
  return line;
}

describe('REPORT line parsing', () => {
  it('reads every REPORT line of the real examples, tab- or space-separated', () => {
    assert.ok(reportLines.length >= 26);
    for (const line of reportLines) {
      const record = parseReportLine(line);
      assert.ok(record, `unreadable: ${line}`);
      assert.ok(record.durationMs > 0 && record.memorySizeMb >= 128 && record.maxMemoryUsedMb > 0, line);
      // Billed duration is never below the duration rounded down to the billing granule.
      assert.ok(record.billedDurationMs >= Math.floor(record.durationMs), line);
    }
  });

  it('reads the four fields of a warm line billed in 100 ms steps', () => {
    assert.deepEqual(parseReportLine(lineWith('a0537bcb')), {
      requestId: 'a0537bcb-712d-11e4-8c97-af075a3c0929',
      durationMs: 718.65,
      billedDurationMs: 800,
      memorySizeMb: 128,
      maxMemoryUsedMb: 14,
      status: 'success',
    });
  });

  it('marks a line with Init Duration as a cold start, and one without as warm', () => {
    const cold = parseReportLine(lineWith('00000000-0000-0000-0000-000000000001'))!;
    const warm = parseReportLine(lineWith('00000000-0000-0000-0000-000000000002'))!;
    assert.equal(cold.initDurationMs, 2593.03);
    assert.equal(cold.billedDurationMs, 5634);
    assert.ok(isColdStart(cold));
    assert.equal(warm.initDurationMs, undefined);
    assert.equal(warm.durationMs, 5582);
    assert.ok(!isColdStart(warm));
  });

  it('keeps a billed duration that includes init as reported', () => {
    const record = parseReportLine(lineWith('426db50d'))!;
    assert.equal(record.durationMs, 1.57);
    assert.equal(record.billedDurationMs, 490);
    assert.equal(record.initDurationMs, 487.97);
  });

  it('reads SnapStart restore fields, including with X-Ray fields on the same space-separated line', () => {
    const tabbed = parseReportLine(lineWith('8c360c87'))!;
    assert.equal(tabbed.restoreDurationMs, 398.97);
    assert.equal(tabbed.billedRestoreDurationMs, 182);
    assert.equal(tabbed.memorySizeMb, 3009);
    assert.equal(tabbed.billedDurationMs, Math.ceil(tabbed.durationMs) + 182);
    assert.ok(isColdStart(tabbed));
    assert.equal(startupDurationMs(tabbed), 398.97);

    const spaced = parseReportLine(lineWith('24addd09'))!;
    assert.equal(spaced.durationMs, 127.1);
    assert.equal(spaced.billedDurationMs, 154);
    assert.equal(spaced.maxMemoryUsedMb, 212);
    assert.equal(spaced.restoreDurationMs, 325.93);
    assert.equal(spaced.billedRestoreDurationMs, 26);
    assert.deepEqual(spaced.xray, { traceId: '1-66d978e5-56c7378e556e94b5461da07c', segmentId: '29c3839e6ecb5895', sampled: true });
  });

  it('reads timeouts, with shortened and missing request ids', () => {
    const shortened = parseReportLine(lineWith('9c96d8af-...'))!;
    assert.equal(shortened.requestId, '9c96d8af-...');
    assert.equal(shortened.status, 'timeout');
    assert.equal(shortened.durationMs, 30000);
    const anonymous = parseReportLine(reportLines.find((line) => !line.includes('RequestId'))!)!;
    assert.equal(anonymous.requestId, undefined);
    assert.equal(anonymous.status, 'timeout');
    assert.equal(anonymous.durationMs, 119000);
    assert.equal(anonymous.memorySizeMb, 1024);
    assert.equal(anonymous.maxMemoryUsedMb, 174);
  });

  it('reads an error status and its error type', () => {
    const record = parseReportLine(lineWith('11111111-2222-3333-4444-666666666666'))!;
    assert.equal(record.status, 'error');
    assert.equal(record.errorType, 'Runtime.OutOfMemory');
  });

  it('skips a timestamp before REPORT and rejects lines missing a required field', () => {
    const stamped = parseReportLine(`2024-05-01T10:00:00.000Z\t${lineWith('a0537bcb')}`);
    assert.equal(stamped?.durationMs, 718.65);
    assert.equal(parseReportLine('REPORT RequestId: x\tDuration: 1.00 ms\tMemory Size: 128 MB'), undefined);
    assert.equal(parseReportLine('START RequestId: x Version: $LATEST'), undefined);
  });

  it('reads any generated line whichever separator it uses', () => {
    const field = fc.double({ min: 0, max: 900_000, noNaN: true }).map((n) => Math.round(n * 100) / 100);
    fc.assert(
      fc.property(field, field, fc.integer({ min: 128, max: 10240 }), fc.option(field), fc.constantFrom('\t', ' '), (duration, billed, memory, init, sep) => {
        const parts = [`REPORT RequestId: r-1`, `Duration: ${duration.toFixed(2)} ms`, `Billed Duration: ${Math.ceil(billed)} ms`, `Memory Size: ${memory} MB`, `Max Memory Used: 64 MB`];
        if (init !== null) parts.push(`Init Duration: ${init.toFixed(2)} ms`);
        const record = parseReportLine(parts.join(sep))!;
        assert.equal(record.durationMs, duration);
        assert.equal(record.billedDurationMs, Math.ceil(billed));
        assert.equal(record.memorySizeMb, memory);
        assert.equal(record.initDurationMs, init === null ? undefined : init);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe('platform.report records', () => {
  it('reads every JSON example with the same numbers as a REPORT line', () => {
    assert.equal(jsonLines.length, 3);
    const records = jsonLines.map((line) => parsePlatformReport(line));
    assert.ok(records.every((record) => record !== undefined));
    assert.deepEqual(records[0], {
      requestId: '459921b5-681c-4a96-beb0-81e0aa586026',
      durationMs: 2599.4,
      billedDurationMs: 2600,
      memorySizeMb: 128,
      maxMemoryUsedMb: 94,
      initDurationMs: 549.04,
      status: 'success',
      xray: { traceId: '1-6352a70e-1e2c502e358361800241fd45', segmentId: '24cd7d670fa455f0', sampled: true },
    });
    assert.equal(records[2]!.billedDurationMs, 1698);
    assert.equal(records[2]!.initDurationMs, 463.512);
  });

  it('ignores other JSON event types', () => {
    assert.equal(parsePlatformReport('{"type":"platform.start","record":{"requestId":"x"}}'), undefined);
    assert.equal(parsePlatformReport('not json'), undefined);
  });
});

describe('scanning log text', () => {
  it('finds all 26 REPORT lines of the examples and attaches X-Ray lines to the line before', () => {
    const { records, unreadable } = scanReportText(examplesText);
    assert.equal(records.length, reportLines.length);
    assert.deepEqual(unreadable, []);
    const traced = records.find((record) => record.requestId === '56639408-xmpl-435f-9041-ac47ae25ceed')!;
    assert.deepEqual(traced.xray, { traceId: '1-5e843da6-733cxmple7d0c3c020510040', segmentId: '3913xmpl20999446', sampled: true });
  });

  it('reads JSON-format logs and filter-log-events output', () => {
    assert.equal(scanReportText(jsonLines.join('\n')).records.length, 3);
    const document = JSON.stringify({ events: reportLines.slice(0, 4).map((message, i) => ({ timestamp: i, message })) });
    assert.deepEqual(
      scanReportText(document).records.map((record) => record.durationMs),
      [718.65, 24792.85, 395.99, 884.7],
    );
  });

  it('reports a broken REPORT line instead of dropping it', () => {
    const { records, unreadable } = scanReportText(`START x\nREPORT RequestId: y\tDuration: oops\n${reportLines[0]}\n`);
    assert.equal(records.length, 1);
    assert.deepEqual(unreadable, [{ line: 2, text: 'REPORT RequestId: y\tDuration: oops' }]);
  });
});
