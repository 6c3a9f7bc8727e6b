import assert from 'node:assert/strict';
import { loadReportInput } from '../../src/report/report-input.ts';
import { committedPlanDir, tiledPlanWithOtherJoins } from '../helpers/report-plans.ts';

describe('report input', () => {
  it('draws a restructured DAG with the joins the plan recorded, and warns of nothing', () => {
    const input = loadReportInput(committedPlanDir('tiled-linear-algebra'));
    const joins = input.ir.graph.nodes().filter((id) => input.ir.graph.node(id).kind === 'join').sort();
    assert.deepEqual(joins, input.plan.structure.joins.map((j) => j.id).sort());
    for (const key of Object.keys(input.plan.edges)) {
      const [from, to] = key.split('->');
      assert.ok(input.ir.graph.hasEdge(from!, to!), `plan edge ${key} is not in the drawn graph`);
    }
    assert.deepEqual(input.warnings, []);
  });

  it('keeps a series-parallel DAG as the spec wrote it', () => {
    const input = loadReportInput(committedPlanDir('video'));
    assert.deepEqual(input.ir.graph.nodes().sort(), ['encode', 'pair', 'rebase', 'split', 'stitch']);
    assert.deepEqual(input.missingProfiles, []);
  });

  it('warns when the plan recorded other joins than this dagc derives (DAGC0524)', () => {
    const input = loadReportInput(tiledPlanWithOtherJoins());
    assert.deepEqual(input.warnings.map((w) => w.code), ['DAGC0524']);
    assert.equal(input.warnings[0]!.severity, 'warning');
  });
});
