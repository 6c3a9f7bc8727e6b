import assert from 'node:assert/strict';
import { frontierChartData, frontierChartSpec } from '../../src/report/frontier-chart.ts';
import { renderChart } from '../../src/report/render-chart.ts';
import { loadReportInput } from '../../src/report/report-input.ts';
import { committedPlanDir } from '../helpers/report-plans.ts';

describe('report frontier chart', () => {
  const { plan } = loadReportInput(committedPlanDir('video'));

  it("takes the plan's frontier, marks the chosen plan and today's at their predicted percentile and cost, and the SLO", () => {
    const data = frontierChartData(plan);
    assert.equal(data.frontier.length, plan.frontier!.length);
    assert.deepEqual(data.frontier[0], { latencyMs: plan.frontier![0]!.latencyMs, costPerMillionUsd: plan.frontier![0]!.costUsd * 1e6 });
    const chosen = data.marks.find((m) => m.plan === 'chosen')!;
    assert.equal(chosen.latencyMs, plan.predicted.latencyMs.p95);
    assert.equal(chosen.costPerMillionUsd, plan.predicted.cost.perMillionExecutionsUsd);
    assert.equal(data.marks.find((m) => m.plan === 'today')!.latencyMs, plan.today!.latencyMs.p95);
    assert.equal(data.sloMs, 3000);
  });

  it('draws the frontier as a line with points, the SLO as a rule, and the two plans as marked points', async () => {
    const spec = frontierChartSpec(frontierChartData(plan)) as unknown as { layer: Array<{ mark?: { type: string }; layer?: Array<{ mark: { type: string } }>; data: { values: unknown[] } }> };
    const marks = spec.layer.flatMap((l) => (l.layer ? l.layer.map((s) => s.mark.type) : [l.mark!.type]));
    assert.deepEqual(marks, ['line', 'rule', 'text', 'point', 'text']);
    assert.deepEqual(spec.layer[1]!.data.values, [{ sloMs: 3000, label: 'SLO p95 ≤ 3000 ms' }]);
    const { svg, warnings } = await renderChart(frontierChartSpec(frontierChartData(plan)), 'frontier-test');
    assert.deepEqual(warnings, []);
    assert.match(svg, /^<svg /);
    assert.match(svg, /SLO p95 ≤ 3000 ms/);
    assert.match(svg, /chosen/);
  });

  it('still marks the chosen plan and the SLO when a plan has no frontier (a baseline strategy)', async () => {
    const withoutFrontier = { ...plan, frontier: undefined };
    const data = frontierChartData(withoutFrontier);
    assert.deepEqual(data.frontier, []);
    assert.equal(data.marks.length, 2);
    const { warnings } = await renderChart(frontierChartSpec(data), 'frontier-empty');
    assert.deepEqual(warnings, []);
  });
});
