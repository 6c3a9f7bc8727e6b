import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readSebsDefinition } from '../../src/calibrate/sebs-flow-definition.ts';
import { parseSebsDefinition } from '../../src/calibrate/sebs-flow-definition.ts';
import { parseTraceFile } from '../../src/calibrate/trace-file.ts';
import { gapsFromTrace } from '../../src/calibrate/trace-gaps.ts';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';

// A task, a map of one function, a parallel of two tasks, a loop: every kind of gap once.
const definition = JSON.stringify({
  root: 'a',
  states: {
    a: { type: 'task', func_name: 'fa', next: 'm' },
    m: { type: 'map', root: 'mi', array: 'xs', next: 'p', states: { mi: { type: 'task', func_name: 'fm' } } },
    p: {
      type: 'parallel',
      next: 'l',
      parallel_functions: [
        { root: 'b', states: { b: { type: 'task', func_name: 'fb' } } },
        { root: 'c', states: { c: { type: 'task', func_name: 'fc' } } },
      ],
    },
    l: { type: 'loop', func_name: 'fl', array: 'xs' },
  },
});

const HEADER = 'func,start,end,is_cold,container_id,provider.request_id,request_id,provider.execution_duration,provider.init_duration,max_mem_used,billing.duration,billing.mem,billing.gbs';
/** One CSV row: times in seconds, durations in ms (the file holds µs). */
function row(func: string, request: string, startS: number, endS: number, cold = false, initMs: number | '' = 0): string {
  const durationUs = Math.round((endS - startS) * 1e6);
  const initUs = initMs === '' ? '' : initMs * 1000;
  return `${func},${startS},${endS},${cold ? 'True' : 'False'},c1,p1,${request},${durationUs}.0,${initUs},80.0,1,128.0,128.0`;
}

const trace = [
  HEADER,
  row('fa', 'r1', 1000.0, 1000.5),
  row('fm', 'r1', 1000.65, 1001.0),
  row('fm', 'r1', 1000.67, 1001.2),
  row('fm', 'r1', 1001.0, 1001.1, true, 300),
  row('fb', 'r1', 1001.4, 1001.5),
  row('fc', 'r1', 1001.9, 1002.0, true, 400),
  row('fl', 'r1', 1002.1, 1002.2),
  row('fl', 'r1', 1002.3, 1002.4),
  row('fa', 'r2', 2000.0, 2000.1),
  row('fm', 'r2', 2000.3, 2000.4, true, ''),
].join('\n');

const close = (got: number[], want: number[], what: string) => {
  assert.equal(got.length, want.length, `${what}: ${got.join(', ')} vs ${want.join(', ')}`);
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]!) < 1e-6, `${what}: ${got.join(', ')} vs ${want.join(', ')}`));
};

describe('trace gaps: from a SeBS-Flow trace and its definition to measured platform latencies', () => {
  const workflow = parseSebsDefinition(definition, 'test.definition.json', 'test');
  const gaps = gapsFromTrace(parseTraceFile(trace, 'trace.csv'), workflow);
  const of = (kind: string, cold: boolean) => gaps.observations.filter((o) => o.kind === kind && o.cold === cold).map((o) => o.gapMs);

  it('measures each state\'s first invocation from the end of the state before it, loops from the previous invocation', () => {
    // By hand: map's first item 1000.65 − a's end 1000.5 = 150 ms; the parallel's first branch (fb) 1001.4 − the
    // map's last end 1001.2 = 200 ms; the loop 1002.1 − the parallel's end 1002.0 = 100 ms, then 1002.3 − 1002.2 = 100 ms.
    close(of('task', false), [150, 200, 100, 100], 'warm Task dispatch');
    assert.deepEqual(of('task', true), []);
  });

  it('tells each Task dispatch\'s kind by the structure: a Map\'s or a loop\'s first item, a loop\'s next item; a Parallel\'s lead none', () => {
    const kinds = gaps.observations.filter((o) => o.kind === 'task').map((o) => [o.dispatch ?? 'pooled', Math.round(o.gapMs)]);
    // The map's first item after a; the Parallel's lead (fb) pooled only; the loop's first iteration after the Parallel, then its next.
    assert.deepEqual(kinds, [['mapFirstItem', 150], ['pooled', 200], ['mapFirstItem', 100], ['mapNextItem', 100]]);
  });

  it('tells a Task after a Task from a Task after a Map (a loop counts as a Map)', () => {
    const chain = parseSebsDefinition(
      JSON.stringify({
        root: 'x',
        states: {
          x: { type: 'task', func_name: 'fx', next: 'y' },
          y: { type: 'task', func_name: 'fy', next: 'm' },
          m: { type: 'map', root: 'mi', array: 'xs', next: 'z', states: { mi: { type: 'task', func_name: 'fm' } } },
          z: { type: 'task', func_name: 'fz', next: 'l' },
          l: { type: 'loop', func_name: 'fl', array: 'xs', next: 'w' },
          w: { type: 'task', func_name: 'fw' },
        },
      }),
      'chain.json',
      'chain',
    );
    const rows = [HEADER, row('fx', 'r', 10, 10.1), row('fy', 'r', 10.2, 10.3), row('fm', 'r', 10.5, 10.6), row('fz', 'r', 10.65, 10.7), row('fl', 'r', 10.9, 11.0), row('fw', 'r', 11.03, 11.1)].join('\n');
    const kinds = gapsFromTrace(parseTraceFile(rows, 'chain.csv'), chain).observations.map((o) => [o.dispatch, Math.round(o.gapMs)]);
    assert.deepEqual(kinds, [['afterTask', 100], ['mapFirstItem', 200], ['afterMap', 50], ['mapFirstItem', 200], ['afterMap', 30]]);
  });

  it('measures a map\'s later items from its first, a cold one from where its Init began', () => {
    // 1000.67 − 1000.65 = 20 ms; the cold item started its handler at 1001.0 after 300 ms of Init: 1000.7 − 1000.65 = 50 ms.
    close(of('map-iteration', false), [20], 'warm stagger');
    close(of('map-iteration', true), [50], 'cold stagger');
  });

  it('measures a parallel\'s later branches from its first branch\'s start', () => {
    // fc's handler at 1001.9 after 400 ms of Init: placed at 1001.5, 100 ms after fb's 1001.4.
    close(of('parallel-branch', true), [100], 'cold branch stagger');
    assert.deepEqual(of('parallel-branch', false), []);
  });

  it('counts what it cannot measure: the first state of each execution, a cold row without Init Duration', () => {
    assert.equal(gaps.executions, 2);
    assert.equal(gaps.skipped.untracedPredecessor, 2);
    assert.equal(gaps.skipped.missingProviderFields, 1);
    assert.ok(gaps.observations.every((o) => o.orchestration === 'standard'));
  });

  it('skips rows of functions the definition does not run, with a warning at their first line', () => {
    const withStranger = parseTraceFile([trace, row('stranger', 'r1', 1003, 1004)].join('\n'), 'trace.csv');
    const result = gapsFromTrace(withStranger, workflow);
    assert.equal(result.skipped.unknownFunction, 1);
    assert.equal(result.diagnostics[0]!.code, 'DAGC0116');
    assert.deepEqual(result.diagnostics[0]!.position, { file: 'trace.csv', line: 12, column: 1 });
  });

  it('takes a state with no row and a failure chain as failed, and goes on with the chain', () => {
    const saga = parseSebsDefinition(
      JSON.stringify({ root: 'x', states: { x: { type: 'task', func_name: 'fx', next: 'y' }, y: { type: 'task', func_name: 'fy', failure: 'u' }, u: { type: 'task', func_name: 'fu', next: 'v' }, v: { type: 'task', func_name: 'fv' } } }),
      'saga.json',
      'saga',
    );
    const rows = [HEADER, row('fx', 'r', 10, 10.1), row('fu', 'r', 10.5, 10.6), row('fv', 'r', 10.75, 10.8)].join('\n');
    const result = gapsFromTrace(parseTraceFile(rows, 'saga.csv'), saga);
    // fy failed without a row: fu's dispatch follows an untimed failure; fv's is 10.75 − 10.6 = 150 ms.
    close(result.observations.map((o) => o.gapMs), [150], 'gaps');
    assert.equal(result.skipped.untracedPredecessor, 2);
  });

  it('refuses a trace that yields no gap at all (DAGC0115)', () => {
    assert.throws(
      () => gapsFromTrace(parseTraceFile([HEADER, row('fa', 'r1', 1, 2)].join('\n'), 'one.csv'), workflow),
      (error: unknown) => isUserError(error) && error.diagnostics[0]!.code === 'DAGC0115',
    );
  });

  it('measures a gap from where the predecessor\'s handler returned (its start plus Duration), not from its measured end', () => {
    // fa's measured time is 100 ms but Lambda's Duration 130 ms (the wrapper works on after the end it writes):
    // the next state's dispatch is 10.25 − (10.0 + 0.13) = 120 ms, not 150 ms.
    const pair = parseSebsDefinition(JSON.stringify({ root: 'a', states: { a: { type: 'task', func_name: 'fa', next: 'b' }, b: { type: 'task', func_name: 'fb' } } }), 'pair.json', 'pair');
    const text = [HEADER, 'fa,10.0,10.1,False,c1,p1,r,130000.0,0.0,80.0,130,128.0,1', 'fb,10.25,10.3,False,c1,p1,r,50000.0,0.0,80.0,50,128.0,1'].join('\n');
    close(gapsFromTrace(parseTraceFile(text, 'pair.csv'), pair).observations.map((o) => o.gapMs), [120], 'gap');
  });

  it('leaves the gap after a row without provider fields unmeasured: a real trip-booking execution', () => {
    // Execution 13707434 of the real trace: reserve_hotel, reserve_flight and cancel_rental have provider fields 0.0
    // (SeBS found no REPORT line); confirm failed without a row.
    const file = 'data/sebs-flow/traces/6200.trip-booking__aws_2024_warm_128.csv';
    const lines = readFileSync(file, 'utf8').split('\n');
    const rows = lines.filter((line) => line.split(',')[8] === '13707434');
    assert.equal(rows.length, 6);
    const trace = parseTraceFile([lines[0]!, ...rows].join('\n'), 'trip.csv');
    const result = gapsFromTrace(trace, readSebsDefinition('data/sebs-flow/definitions/6200.trip-booking.definition.json'));
    const at = (func: string) => trace.invocations.find((r) => r.func === func)!;
    // Measured by hand from the rows: reserve_flight after reserve_rental (15.55 ms Duration), cancel_rental after cancel_flight (20.84 ms).
    const flight = (at('reserve_flight').startS - (at('reserve_rental').startS + 0.01555)) * 1000;
    const cancelRental = (at('cancel_rental').startS - (at('cancel_flight').startS + 0.02084)) * 1000;
    close(result.observations.map((o) => o.gapMs), [flight, cancelRental], 'gaps');
    // After reserve_hotel and after cancel_rental: no Duration, so no gap; reserve_hotel is first, cancel_flight follows the failure.
    assert.equal(result.skipped.missingProviderFields, 2);
    assert.equal(result.skipped.untracedPredecessor, 2);
    assert.equal(result.rowsWithoutProviderFields, 3);
  });
});
