import assert from 'node:assert/strict';
import { costBreakdownChartSpec, costBreakdownRows } from '../../src/report/cost-breakdown.ts';
import { renderChart } from '../../src/report/render-chart.ts';
import { loadReportInput } from '../../src/report/report-input.ts';
import { committedPlanDir } from '../helpers/report-plans.ts';

describe('report cost breakdown', () => {
  const { plan } = loadReportInput(committedPlanDir('gpu-inference'));

  it("splits the chosen plan's and today's cost by what AWS bills, adding up to each total", () => {
    const rows = costBreakdownRows(plan);
    // gpu-inference runs its GPU step as an AWS Batch job: Batch instance time is its own component.
    assert.deepEqual(rows.map((r) => r.component), ['Lambda compute', 'Lambda requests', 'Step Functions transitions', 'S3 requests', 'Provisioned concurrency', 'AWS Batch instances']);
    assert.ok(rows.at(-1)!.chosenPerMillionUsd > 0);
    const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + pick(r), 0);
    assert.ok(Math.abs(sum((r) => r.chosenPerMillionUsd) - plan.predicted.cost.perMillionExecutionsUsd) < 1e-6);
    assert.ok(Math.abs(sum((r) => r.todayPerMillionUsd!) - plan.today!.cost.perMillionExecutionsUsd) < 1e-6);
  });

  it('names Express when the plan runs as an Express workflow, leaves Batch out without Batch jobs, and today when it cannot run', () => {
    const express = loadReportInput(committedPlanDir('mapreduce')).plan;
    assert.equal(express.orchestration, 'express');
    const rows = costBreakdownRows({ ...express, today: null });
    assert.equal(rows[2]!.component, 'Step Functions Express');
    assert.equal(rows.length, 5);
    assert.ok(rows.every((r) => r.todayPerMillionUsd === undefined));
  });

  it('renders a bar per component and plan with no Vega warnings', async () => {
    const { svg, warnings } = await renderChart(costBreakdownChartSpec(costBreakdownRows(plan)), 'cost-test');
    assert.deepEqual(warnings, []);
    assert.equal((svg.match(/aria-roledescription="bar"/g) ?? []).length, 2 * costBreakdownRows(plan).length);
    assert.match(svg, /Step Functions transitions/);
  });
});
