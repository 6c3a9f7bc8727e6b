// The cost of one execution split by what AWS bills — Lambda compute, Lambda
// requests, Step Functions (state transitions for a Standard workflow, or
// requests and duration for Express), S3 requests, provisioned concurrency —
// for the chosen plan and for today's settings, per million executions.
// The HTML chart and the markdown table both read these rows.
import type { TopLevelSpec } from 'vega-lite';
import type { Plan } from '../codegen/plan.ts';
import type { CostBreakdown } from '../passes/estimator-port.ts';

const PER_MILLION = 1_000_000;

export interface CostBreakdownRow {
  component: string;
  chosenPerMillionUsd: number;
  /** Absent when today's settings cannot run. */
  todayPerMillionUsd?: number;
}

export function costBreakdownRows(plan: Plan): CostBreakdownRow[] {
  const components: Array<[string, keyof CostBreakdown]> = [
    ['Lambda compute', 'lambdaComputeUsd'],
    ['Lambda requests', 'lambdaRequestsUsd'],
    [plan.orchestration === 'express' ? 'Step Functions Express' : 'Step Functions transitions', 'stepFunctionsUsd'],
    ['S3 requests', 's3Usd'],
    ['Provisioned concurrency', 'provisionedConcurrencyUsd'],
  ];
  // AWS Batch only where a plan runs an accelerator step as a Batch job.
  if (plan.predicted.cost.breakdown.batchUsd !== undefined || plan.today?.cost.breakdown.batchUsd !== undefined) components.push(['AWS Batch instances', 'batchUsd']);
  return components.map(([component, key]) => {
    const row: CostBreakdownRow = { component, chosenPerMillionUsd: (plan.predicted.cost.breakdown[key] ?? 0) * PER_MILLION };
    if (plan.today) row.todayPerMillionUsd = (plan.today.cost.breakdown[key] ?? 0) * PER_MILLION;
    return row;
  });
}

export function costBreakdownChartSpec(rows: readonly CostBreakdownRow[]): TopLevelSpec {
  const values = rows.flatMap((row) => [
    { component: row.component, plan: 'chosen', perMillionUsd: row.chosenPerMillionUsd },
    ...(row.todayPerMillionUsd === undefined ? [] : [{ component: row.component, plan: 'today', perMillionUsd: row.todayPerMillionUsd }]),
  ]);
  const plans = [...new Set(values.map((v) => v.plan))];
  return {
    width: 460,
    height: { step: 16 },
    title: 'Cost per 1M executions by what AWS bills',
    data: { values },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.9 } },
        encoding: {
          y: { field: 'component', type: 'nominal', title: null, sort: rows.map((r) => r.component), axis: { labelLimit: 240 } },
          yOffset: { field: 'plan', type: 'nominal', sort: plans },
          x: { field: 'perMillionUsd', type: 'quantitative', title: '$ per 1M executions', axis: { format: '$,.0f' } },
          color: { field: 'plan', type: 'nominal', title: null, scale: { domain: plans, range: plans.map((p) => (p === 'chosen' ? '#dc2626' : '#9ca3af')) } },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
        encoding: {
          y: { field: 'component', type: 'nominal', sort: rows.map((r) => r.component) },
          yOffset: { field: 'plan', type: 'nominal', sort: plans },
          x: { field: 'perMillionUsd', type: 'quantitative' },
          text: { field: 'perMillionUsd', type: 'quantitative', format: '$,.2f' },
        },
      },
    ],
  } as TopLevelSpec;
}
