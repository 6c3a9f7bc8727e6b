import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import type { EstimateSummary } from '../../src/passes/estimator-port.ts';
import { NO_PICK, type CheckedPlan, type FunctionPick } from '../../src/passes/frontier-sizing.ts';
import type { Curve } from '../../src/passes/frontier/curve.ts';
import { frontierTable } from '../../src/passes/frontier-table.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import { irOf } from '../helpers/ir-builder.ts';

// One function f; its memory decides the plan's latency and cost exactly (a table), so every row is known.
// 3008 MB ties 512 MB exactly; 384 MB costs what 512 MB does, twice as slow.
const TABLE: Record<number, [latencyMs: number, costUsd: number]> = { 128: [800, 1], 256: [400, 2], 384: [400, 4], 512: [200, 4], 1024: [100, 8], 2048: [100, 16], 3008: [200, 4] };
const SLO: Slo = { percentile: 'p95', latencyMs: 400 };

function summaryOf(latencyMs: number, costUsd: number): EstimateSummary {
  return { latencyMs: { p50: 0, p90: 0, p95: latencyMs, p99: 0, max: 0 }, costUsd, breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } };
}

function setup(frontierMb: number[], checksMb: number[] = []) {
  const ir = irOf({ f: [] });
  const estimated: number[] = [];
  const estimate = (_ir: IR, d: Deployment) => {
    estimated.push(d.functions['f']!.memoryMb);
    const [latencyMs, costUsd] = TABLE[d.functions['f']!.memoryMb]!;
    return summaryOf(latencyMs, costUsd);
  };
  const session = new OptimizerSession(new Map(), estimate, SLO);
  const at = (memoryMb: number): Deployment => ({ ...currentDeployment(ir), functions: { f: { memoryMb, architecture: 'x86_64' } } });
  const frontier: Curve<FunctionPick> = frontierMb.map((memoryMb) => ({
    latencyMs: TABLE[memoryMb]![0],
    costUsd: TABLE[memoryMb]![1],
    // Each point's choice: f's pick joined with a pick that fixes no function.
    choice: { kind: 'join', parts: [{ kind: 'leaf', payload: NO_PICK }, { kind: 'leaf', payload: { fn: 'f', option: { memoryMb, architecture: 'x86_64' } } }] },
  }));
  const checks: CheckedPlan[] = checksMb.map((memoryMb) => ({ assignment: new Map(), deployment: at(memoryMb), summary: summaryOf(...TABLE[memoryMb]!), surrogateLatencyMs: 0, meetsSlo: true }));
  session.sizing = { method: 'test', frontier, checks };
  const chosen = (memoryMb: number) => ({ deployment: at(memoryMb), summary: summaryOf(...TABLE[memoryMb]!) });
  return { ir, session, estimated, chosen };
}

const rowsOf = (rows: ReturnType<typeof frontierTable>) => rows.map((r) => [r.functions['f']!.memoryMb, r.latencyMs, r.costUsd, r.meetsSlo, r.chosen]);

describe('frontier table', () => {
  it('estimates points spread evenly along the frontier (always its last), with the checked plans and the chosen one, keeping the undominated, fastest first', () => {
    const { ir, session, estimated, chosen } = setup([1024, 512, 256, 128], [2048]);
    const rows = frontierTable(session, ir, 3, chosen(512));
    // Three points out of four: indices 0, 1.5 → 2, and 3 (512 at index 1 is not estimated).
    assert.deepEqual(estimated, [1024, 256, 128]);
    assert.deepEqual(rowsOf(rows), [
      [1024, 100, 8, true, false],
      [512, 200, 4, true, true],
      [256, 400, 2, true, false],
      [128, 800, 1, false, false],
    ]);
  });

  it('estimates the first and last points for one point, and every point when asked for as many', () => {
    const one = setup([1024, 512, 256, 128]);
    frontierTable(one.session, one.ir, 1, one.chosen(512));
    assert.deepEqual(one.estimated, [1024, 128]);
    const all = setup([1024, 512, 256, 128]);
    frontierTable(all.session, all.ir, 4, all.chosen(512));
    assert.deepEqual(all.estimated, [1024, 512, 256, 128]);
    const more = setup([1024, 512]);
    frontierTable(more.session, more.ir, 5, more.chosen(512));
    assert.deepEqual(more.estimated, [1024, 512]);
  });

  it('estimates nothing for an empty frontier and shows the chosen plan', () => {
    const { ir, session, estimated, chosen } = setup([]);
    assert.deepEqual(rowsOf(frontierTable(session, ir, 3, chosen(256))), [[256, 400, 2, true, true]]);
    assert.deepEqual(estimated, []);
  });

  it('always shows the chosen plan, after the point that dominates it', () => {
    const { ir, session, chosen } = setup([1024, 128]);
    assert.deepEqual(rowsOf(frontierTable(session, ir, 2, chosen(2048))), [
      [1024, 100, 8, true, false],
      [2048, 100, 16, true, true],
      [128, 800, 1, false, false],
    ]);
  });

  it('marks the row of a frontier point equal to the chosen plan as chosen, once', () => {
    const { ir, session, chosen } = setup([1024, 256], [256]);
    const rows = frontierTable(session, ir, 2, chosen(256));
    assert.deepEqual(rowsOf(rows), [
      [1024, 100, 8, true, false],
      [256, 400, 2, true, true],
    ]);
  });

  it('judges each row at the SLO percentile: exactly the SLO meets', () => {
    const { ir, session, chosen } = setup([256]);
    assert.equal(frontierTable(session, ir, 1, chosen(256))[0]!.meetsSlo, true);
  });
});

// The row bookkeeping (issue 26: survivors of the first src/passes mutation run): which rows are marked chosen,
// which deployment a tied row shows, and what the frontier's picks put into a row's functions.
const chosenRows = (rows: ReturnType<typeof frontierTable>) => rows.map((r) => [r.functions['f']!.memoryMb, r.latencyMs, r.costUsd, r.chosen]);

describe('frontier table: rows', () => {
  it('marks only the chosen plan chosen, not the checked plans', () => {
    const { ir, session, chosen } = setup([128], [1024]);
    assert.deepEqual(chosenRows(frontierTable(session, ir, 1, chosen(512))), [
      [1024, 100, 8, false],
      [512, 200, 4, true],
      [128, 800, 1, false],
    ]);
  });

  it('shows the chosen deployment where another plan has exactly its latency and cost', () => {
    // 512 MB on the frontier and the chosen 3008 MB estimate the same 200 ms for 4.
    const { ir, session, chosen } = setup([1024, 512, 128]);
    const rows = frontierTable(session, ir, 3, chosen(3008));
    assert.deepEqual(chosenRows(rows), [
      [1024, 100, 8, false],
      [3008, 200, 4, true],
      [128, 800, 1, false],
    ]);
  });

  it('does not mark a row chosen when an unchosen plan ties it', () => {
    // 1024 MB is both checked and on the frontier: two equal rows, neither chosen.
    const { ir, session, chosen } = setup([1024, 128], [1024]);
    assert.deepEqual(chosenRows(frontierTable(session, ir, 2, chosen(256))), [
      [1024, 100, 8, false],
      [256, 400, 2, true],
      [128, 800, 1, false],
    ]);
  });

  it('shows a chosen plan dominated by a faster one of the same cost as a row of its own', () => {
    const { ir, session, chosen } = setup([512, 128]);
    assert.deepEqual(chosenRows(frontierTable(session, ir, 2, chosen(384))), [
      [512, 200, 4, false],
      [384, 400, 4, true],
      [128, 800, 1, false],
    ]);
  });

  it("puts only the frontier's picks that fix a function into a row's functions", () => {
    // Each frontier point's choice joins f's pick with one that fixes nothing.
    const { ir, session, chosen } = setup([1024]);
    const rows = frontierTable(session, ir, 1, chosen(128));
    assert.deepEqual(chosenRows(rows), [
      [1024, 100, 8, false],
      [128, 800, 1, true],
    ]);
    assert.deepEqual(rows.map((r) => Object.keys(r.functions)), [['f'], ['f']]);
  });
});
