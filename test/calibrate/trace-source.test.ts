import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { calibrationFromTraces } from '../../src/calibrate/trace-source.ts';

describe('calibrate --traces: the trace-file source', () => {
  it('counts every row without provider fields as without a REPORT line (trip-booking: the 58 its README names)', () => {
    const file = 'data/sebs-flow/traces/6200.trip-booking__aws_2024_warm_128.csv';
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const column = lines[0]!.split(',').indexOf('provider.execution_duration');
    const zero = lines.slice(1).filter((line) => Number(line.split(',')[column]) === 0).length;
    const result = calibrationFromTraces({ traceFiles: [file], workflowFile: 'data/sebs-flow/definitions/6200.trip-booking.definition.json' });
    assert.equal(zero, 58);
    assert.equal(result.withoutReport, zero);
    assert.equal(result.executions, 66);
  });
});
