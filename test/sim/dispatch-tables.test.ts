// The dispatch tables against the shifted lognormal's quantiles worked out independently:
// entry k of a table is shift + median·e^(σ·Φ⁻¹((k + ½)/256)), Φ⁻¹ from Python's statistics.NormalDist.
import assert from 'node:assert/strict';
import type { MeasuredLatency, PlatformCalibration } from '../../src/model/calibration.ts';
import { BRANCH_COLD, BRANCH_WARM, DISPATCH_TABLE_SIZE, dispatchKindTables, dispatchTables, drawDispatchMs, MAP_COLD, MAP_WARM, TASK_COLD, TASK_WARM } from '../../src/sim/dispatch-tables.ts';

const Z_FIRST = -2.8856349124267573; // Φ⁻¹(0.5/256)
const Z_MIDDLE = 0.004895777906342453; // Φ⁻¹(128.5/256)

const constant = (ms: number): MeasuredLatency => ({ shiftMs: ms, medianMs: 0, sigma: 0, source: 'test', observations: 0 });

/** Every part a constant of its own, so each table is recognised by its value; Express ten times Standard. */
function calibration(withColdStaggers: boolean): PlatformCalibration {
  const pair = (ms: number) => ({ standard: constant(ms), express: constant(10 * ms) });
  return {
    version: 1,
    source: 'test',
    orchestration: {
      taskDispatch: { standard: { warm: constant(1), cold: constant(2) }, express: { warm: constant(10), cold: constant(20) } },
      mapIterationStart: pair(3),
      parallelBranchStart: pair(5),
      ...(withColdStaggers ? { coldMapIterationStart: pair(4), coldParallelBranchStart: pair(6) } : {}),
    },
  };
}

const tableOf = (tables: Float64Array, table: number) => [...tables.subarray(table * DISPATCH_TABLE_SIZE, (table + 1) * DISPATCH_TABLE_SIZE)];

describe('dispatchTables', () => {
  it('lays out six tables of 256 entries first: Task warm, cold, Map item warm, cold, Parallel branch warm, cold', () => {
    const tables = dispatchTables(calibration(true), 'standard');
    assert.equal(tables.length, 19 * 256);
    const order = [TASK_WARM, TASK_COLD, MAP_WARM, MAP_COLD, BRANCH_WARM, BRANCH_COLD];
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
    order.forEach((table, i) => assert.deepEqual(tableOf(tables, table), Array(256).fill(i + 1), `table ${table}`));
  });

  it('lays out a warm and a cold table per dispatch kind after them, each kind\'s own values where the calibration has the kind', () => {
    const c = calibration(true);
    c.orchestration.dispatchByKind = {
      afterMap: { standard: { warm: constant(7), cold: constant(8) }, express: { warm: constant(70), cold: constant(80) } },
      mapNextItem: { standard: { warm: constant(11), cold: constant(12) }, express: { warm: constant(110), cold: constant(120) } },
    };
    const tables = dispatchTables(c, 'standard');
    assert.deepEqual(dispatchKindTables('afterTask'), { warm: 6, cold: 7, isolatedCold: 15 });
    assert.deepEqual(dispatchKindTables('afterMap'), { warm: 8, cold: 9, isolatedCold: 16 });
    assert.deepEqual(dispatchKindTables('mapFirstItem'), { warm: 10, cold: 11, isolatedCold: 17 });
    assert.deepEqual(dispatchKindTables('mapNextItem'), { warm: 12, cold: 13, isolatedCold: 18 });
    assert.deepEqual(dispatchKindTables(undefined), { warm: TASK_WARM, cold: TASK_COLD, isolatedCold: 14 });
    // No isolated value: a cold start alone draws the cold value of its kind (the pooled one where it has none).
    assert.deepEqual(tableOf(tables, 14), Array(256).fill(2));
    assert.deepEqual(tableOf(tables, 16), Array(256).fill(8));
    assert.deepEqual(tableOf(tables, 15), Array(256).fill(2));
    // Tables are cached per calibration object: a calibration with an isolated value is another object.
    const withIsolated: PlatformCalibration = { ...c, orchestration: { ...c.orchestration, isolatedColdTaskDispatch: { standard: constant(13) } } };
    const isolated = dispatchTables(withIsolated, 'standard');
    for (const table of [14, 15, 16, 17, 18]) assert.deepEqual(tableOf(isolated, table), Array(256).fill(13), `table ${table}`);
    assert.deepEqual(tableOf(dispatchTables(withIsolated, 'express'), 14), Array(256).fill(20), 'express has no isolated value: its cold one');
    assert.deepEqual(tableOf(tables, 8), Array(256).fill(7));
    assert.deepEqual(tableOf(tables, 9), Array(256).fill(8));
    assert.deepEqual(tableOf(tables, 12), Array(256).fill(11));
    assert.deepEqual(tableOf(tables, 13), Array(256).fill(12));
    // The kinds it lacks draw the pooled Task dispatch.
    for (const table of [6, 10]) assert.deepEqual(tableOf(tables, table), Array(256).fill(1), `table ${table}`);
    for (const table of [7, 11]) assert.deepEqual(tableOf(tables, table), Array(256).fill(2), `table ${table}`);
    assert.deepEqual(tableOf(dispatchTables(c, 'express'), 8), Array(256).fill(70));
  });

  it('takes the workflow type\'s own latencies', () => {
    const tables = dispatchTables(calibration(true), 'express');
    [10, 20, 30, 40, 50, 60].forEach((ms, table) => assert.deepEqual(tableOf(tables, table), Array(256).fill(ms), `table ${table}`));
  });

  it('uses the warm staggers for cold items and branches when the calibration has no cold ones', () => {
    const tables = dispatchTables(calibration(false), 'standard');
    assert.deepEqual(tableOf(tables, MAP_COLD), Array(256).fill(3));
    assert.deepEqual(tableOf(tables, BRANCH_COLD), Array(256).fill(5));
  });

  it('holds the shifted lognormal\'s quantiles at the midpoints (k + ½)/256, ascending', () => {
    const c = calibration(true);
    c.orchestration.taskDispatch.standard.warm = { shiftMs: 20, medianMs: 100, sigma: 0.5, source: 'test', observations: 0 };
    const table = tableOf(dispatchTables(c, 'standard'), TASK_WARM);
    assert.ok(Math.abs(table[0]! - (20 + 100 * Math.exp(0.5 * Z_FIRST))) < 1e-6, `first ${table[0]}`);
    assert.ok(Math.abs(table[128]! - (20 + 100 * Math.exp(0.5 * Z_MIDDLE))) < 1e-6, `middle ${table[128]}`);
    assert.ok(Math.abs(table[255]! - (20 + 100 * Math.exp(-0.5 * Z_FIRST))) < 1e-6, `last ${table[255]}`);
    for (let k = 1; k < 256; k += 1) assert.ok(table[k]! > table[k - 1]!, `ascending at ${k}`);
  });

  it('builds a calibration\'s tables once per workflow type', () => {
    const c = calibration(true);
    const standard = dispatchTables(c, 'standard');
    assert.equal(dispatchTables(c, 'standard'), standard);
    const express = dispatchTables(c, 'express');
    assert.notEqual(express, standard);
    assert.equal(dispatchTables(c, 'express'), express);
    assert.equal(dispatchTables(c, 'standard'), standard);
  });
});

describe('drawDispatchMs', () => {
  it('reads entry ⌊256·u⌋ of the table, the last one for u just below 1', () => {
    const tables = new Float64Array(6 * 256).map((_, i) => i);
    assert.equal(drawDispatchMs(tables, TASK_WARM, 0), 0);
    assert.equal(drawDispatchMs(tables, MAP_WARM, 0.5), 2 * 256 + 128);
    assert.equal(drawDispatchMs(tables, BRANCH_COLD, 0.999999), 5 * 256 + 255);
    assert.equal(drawDispatchMs(tables, TASK_COLD, 1), 256 + 255, 'u = 1 stays on the table');
    assert.equal(drawDispatchMs(tables, TASK_COLD, 10 / 256), 256 + 10);
  });
});
