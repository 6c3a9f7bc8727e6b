// The cost–latency frontier as a Vega-Lite chart: the frontier the optimizer
// estimated (plan.frontier: latency at the SLO's percentile, cost of one
// execution), the chosen plan and today's settings as marked points, and the
// SLO as a vertical line. A reader sees at once how far the plan sits from
// the SLO and what one more 100 ms would save. A plan without a frontier (a
// baseline strategy, which computes none) still gets the chosen and today's
// points and the SLO line.
import type { TopLevelSpec } from 'vega-lite';
import type { Plan } from '../codegen/plan.ts';

const PER_MILLION = 1_000_000;

export interface FrontierChartData {
  frontier: Array<{ latencyMs: number; costPerMillionUsd: number }>;
  marks: Array<{ latencyMs: number; costPerMillionUsd: number; plan: 'chosen' | 'today'; label: string }>;
  sloMs: number;
  percentile: string;
}

export function frontierChartData(plan: Plan): FrontierChartData {
  const p = plan.slo.percentile;
  const frontier = (plan.frontier ?? []).map((point) => ({ latencyMs: point.latencyMs, costPerMillionUsd: point.costUsd * PER_MILLION }));
  const marks: FrontierChartData['marks'] = [
    { latencyMs: plan.predicted.latencyMs[p], costPerMillionUsd: plan.predicted.cost.perMillionExecutionsUsd, plan: 'chosen', label: 'chosen' },
  ];
  if (plan.today) marks.push({ latencyMs: plan.today.latencyMs[p], costPerMillionUsd: plan.today.cost.perMillionExecutionsUsd, plan: 'today', label: 'today' });
  return { frontier, marks, sloMs: plan.slo.latencyMs, percentile: p };
}

export function frontierChartSpec(data: FrontierChartData): TopLevelSpec {
  const x = { field: 'latencyMs', type: 'quantitative', title: `${data.percentile} latency (ms)`, scale: { zero: false, nice: true } } as const;
  const y = { field: 'costPerMillionUsd', type: 'quantitative', title: 'cost per 1M executions ($)', scale: { zero: false, nice: true }, axis: { format: '$,.2f' } } as const;
  const markColor = { field: 'plan', type: 'nominal', title: null, scale: { domain: ['chosen', 'today'], range: ['#dc2626', '#6b7280'] } } as const;
  return {
    width: 820,
    height: 320,
    title: `Cost–${data.percentile} frontier`,
    layer: [
      // An empty layer would give its scales an infinite extent: leave it out when there is no frontier.
      ...(data.frontier.length === 0
        ? []
        : [
            {
              data: { values: data.frontier },
              mark: { type: 'line', point: { filled: true, size: 36 }, color: '#2563eb', interpolate: 'step-after' },
              encoding: { x, y, tooltip: [{ field: 'latencyMs', format: ',.0f' }, { field: 'costPerMillionUsd', format: '$,.2f' }] },
            },
          ]),
      {
        data: { values: [{ sloMs: data.sloMs, label: `SLO ${data.percentile} ≤ ${Math.round(data.sloMs)} ms` }] },
        layer: [
          { mark: { type: 'rule', color: '#dc2626', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x: { field: 'sloMs', type: 'quantitative' } } },
          {
            mark: { type: 'text', color: '#dc2626', align: 'left', dx: 4, baseline: 'top', y: 4, fontSize: 11 },
            encoding: { x: { field: 'sloMs', type: 'quantitative' }, text: { field: 'label' } },
          },
        ],
      },
      {
        data: { values: data.marks },
        layer: [
          { mark: { type: 'point', filled: true, size: 140, opacity: 1 }, encoding: { x, y, color: markColor, shape: { field: 'plan', type: 'nominal', scale: { domain: ['chosen', 'today'], range: ['circle', 'diamond'] }, legend: null } } },
          { mark: { type: 'text', align: 'left', dx: 9, dy: -9, fontSize: 11, fontWeight: 'bold' }, encoding: { x, y, text: { field: 'label' }, color: { ...markColor, legend: null } } },
        ],
      },
    ],
  } as TopLevelSpec;
}
