import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseTraceFile, readTraceFile } from '../../src/calibrate/trace-file.ts';
import { isUserError, type Diagnostic } from '../../src/diagnostics/diagnostic.ts';

const HEADER = 'func,start,end,is_cold,request_id,provider.execution_duration,provider.init_duration';

function diagnosticsOf(run: () => unknown): Diagnostic[] {
  try {
    run();
  } catch (error) {
    if (isUserError(error)) return error.diagnostics;
    throw error;
  }
  assert.fail('expected a user error');
}

describe('trace file: reading a SeBS-Flow trace CSV', () => {
  it('reads times in seconds and provider durations from µs to ms', () => {
    const trace = parseTraceFile([HEADER, 'map,10.5,11.25,True,r1,750000.0,230000.0'].join('\n'), 't.csv');
    assert.deepEqual(trace.invocations[0], { line: 2, func: 'map', requestId: 'r1', startS: 10.5, endS: 11.25, cold: true, durationMs: 750, initMs: 230, billedMemoryMb: undefined });
    assert.equal(trace.missingProviderFields, 0);
  });

  it('keeps a row whose provider fields are 0 or empty, without them, and counts it', () => {
    const trace = parseTraceFile([HEADER, 'a,1,2,False,r1,0.0,0.0', 'b,2,3,True,r1,,'].join('\n'), 't.csv');
    assert.equal(trace.invocations.length, 2);
    assert.equal(trace.invocations[0]!.durationMs, undefined);
    assert.equal(trace.invocations[0]!.initMs, 0, 'a warm invocation has no Init whatever the fields say');
    assert.equal(trace.invocations[1]!.initMs, undefined);
    assert.equal(trace.missingProviderFields, 2);
  });

  it('reads none of trip-booking\'s rows with provider fields 0.0 as measured: 58 without Duration, the cold one without Init', () => {
    // The real file: the dataset's README says 58 rows lack their provider fields (SeBS found no REPORT line).
    const file = 'data/sebs-flow/traces/6200.trip-booking__aws_2024_warm_128.csv';
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    const cellOf = (line: string, name: string) => line.split(',')[header.indexOf(name)]!;
    const zeroLines = new Set<number>();
    lines.forEach((line, i) => {
      if (i > 0 && Number(cellOf(line, 'provider.execution_duration')) === 0) zeroLines.add(i + 1);
    });
    assert.equal(zeroLines.size, 58);
    const trace = readTraceFile(file);
    assert.equal(trace.missingProviderFields, 58);
    for (const row of trace.invocations) {
      if (zeroLines.has(row.line)) {
        assert.equal(row.durationMs, undefined, `line ${row.line}`);
        if (row.cold) assert.equal(row.initMs, undefined, `line ${row.line}: a cold row without Init Duration`);
      } else assert.ok(row.durationMs! > 0, `line ${row.line}`);
    }
    assert.equal(trace.invocations.filter((r) => zeroLines.has(r.line) && r.cold).length, 1);
  });

  it('reports every malformed row at once, each at its file:line:col, and never throws anything else', () => {
    const text = [HEADER, 'a,abc,2,False,r1,1,0', 'b,5,4,False,r1,1,0', 'c,1,2,maybe,r1,1,0', 'd,1,2', ',1,2,False,r1,1,0'].join('\n');
    const found = diagnosticsOf(() => parseTraceFile(text, 't.csv'));
    assert.deepEqual(
      found.map((d) => [d.code, d.position!.line, d.position!.column]),
      [
        ['DAGC0114', 2, 3],
        ['DAGC0114', 3, 5],
        ['DAGC0114', 4, 7],
        ['DAGC0114', 5, 1],
        ['DAGC0114', 6, 1],
      ],
    );
    assert.match(found[0]!.message, /start is 'abc'/);
  });

  it('names the columns a file lacks (DAGC0113) and a file it cannot read (DAGC0112)', () => {
    const missing = diagnosticsOf(() => parseTraceFile('func,start,end\na,1,2', 'x.csv'));
    assert.equal(missing[0]!.code, 'DAGC0113');
    assert.match(missing[0]!.message, /is_cold, request_id/);
    assert.equal(diagnosticsOf(() => readTraceFile('/nonexistent/trace.csv'))[0]!.code, 'DAGC0112');
  });
});
