// dagc report's page: one self-contained HTML file. Everything is inline —
// the workflow as SVG laid out by dagre, the charts as SVG rendered by Vega in
// Node, the stylesheet — and the page carries no script. Its Content Security
// Policy allows nothing to be fetched, so a page that tried to load anything
// would fail in plain sight rather than quietly depend on the network.
// The same plan, app and profiles give the same bytes: no timestamps, sorted
// iteration, ids renamed per chart (render-chart.ts).
import type { TopLevelSpec } from 'vega-lite';
import type { Plan } from '../codegen/plan.ts';
import { formatDiagnostic } from '../diagnostics/diagnostic.ts';
import { costBreakdownChartSpec, costBreakdownRows } from './cost-breakdown.ts';
import { decisionLogHtml } from './decision-log-html.ts';
import { formatMs, formatSaving, formatUsd } from './format.ts';
import { frontierChartData, frontierChartSpec } from './frontier-chart.ts';
import { functionCurveChartSpec } from './function-curve-chart.ts';
import { functionCurves } from './function-curves.ts';
import { graphLayoutInput, layoutForPage, MAX_DRAWN_STEPS } from './graph-layout.ts';
import { EDGE_STYLES, graphSvg } from './graph-svg.ts';
import { escapeHtml } from './html-escape.ts';
import { PAGE_STYLE } from './page-style.ts';
import { renderChart } from './render-chart.ts';
import type { ReportInput } from './report-input.ts';

/** More functions than this get a table row but no chart (the costliest are drawn). */
export const MAX_FUNCTION_CHARTS = 40;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** chartWarnings, when given, collects what Vega warned about (tests assert it stays empty). */
export async function renderHtmlReport(input: ReportInput, chartWarnings: string[] = []): Promise<string> {
  const { plan } = input;
  const chart = async (spec: TopLevelSpec, id: string) => {
    const rendered = await renderChart(spec, id);
    chartWarnings.push(...rendered.warnings.map((w) => `${id}: ${w}`));
    return rendered.svg;
  };
  const sections = [
    summarySection(input),
    workflowSection(input),
    await frontierSection(plan, chart),
    await costSection(plan, chart),
    await functionsSection(input, chart),
    `<section id="decisions"><h2>Decision log</h2>\n${decisionLogHtml(plan.decisions)}\n</section>`,
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>dagc report: ${escapeHtml(plan.app)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body><main>',
    ...sections,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}

function summarySection(input: ReportInput): string {
  const { plan } = input;
  const p = plan.slo.percentile;
  const predicted = plan.predicted;
  const today = plan.today;
  const rows: Array<[string, string]> = [
    ['SLO', `${p} ≤ ${formatMs(plan.slo.latencyMs)}`],
    [`predicted ${p}`, `${formatMs(predicted.latencyMs[p])} ${predicted.meetsSlo ? '<span class="ok">meets the SLO</span>' : '<span class="miss">misses the SLO</span>'}${today ? ` (today ${formatMs(today.latencyMs[p])})` : ''}`],
    ['percentiles', `p50 ${formatMs(predicted.latencyMs.p50)} · p90 ${formatMs(predicted.latencyMs.p90)} · p95 ${formatMs(predicted.latencyMs.p95)} · p99 ${formatMs(predicted.latencyMs.p99)}`],
    [
      'cost per 1M executions',
      `${formatUsd(predicted.cost.perMillionExecutionsUsd)}${today ? ` (today ${formatUsd(today.cost.perMillionExecutionsUsd)}, ${formatSaving(today.cost.perMillionExecutionsUsd, predicted.cost.perMillionExecutionsUsd)})` : ''}`,
    ],
    ['orchestration', plan.orchestration === 'express' ? 'Step Functions Express' : 'Step Functions Standard'],
    ['structure', plan.structure.seriesParallel ? 'series-parallel, emitted as written' : `${plan.structure.joins.length + 1} stages with a join between each (the DAG is not series-parallel)`],
    ['strategy', escapeHtml(plan.strategy)],
    ['region', escapeHtml(plan.region)],
    ['estimator', `${escapeHtml(plan.estimator.method)}, ${plan.estimator.samples} samples, seed ${plan.estimator.seed}`],
  ];
  const warnings = input.warnings.map((w) => `<div class="warning">${escapeHtml(formatDiagnostic(w))}</div>`);
  if (plan.todayProblem) warnings.push(`<div class="warning">today's settings cannot run: ${escapeHtml(plan.todayProblem)}</div>`);
  return [
    '<section id="summary">',
    `<h1>${escapeHtml(plan.app)}</h1>`,
    `<p class="lead">dagc plan for ${escapeHtml(plan.appFile)}</p>`,
    `<dl class="summary">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    ...warnings,
    '</section>',
  ].join('\n');
}

function workflowSection(input: ReportInput): string {
  const steps = input.ir.graph.nodeCount();
  const head = '<section id="workflow"><h2>Workflow</h2>';
  if (steps > MAX_DRAWN_STEPS) return `${head}<p>${steps} steps: more than the ${MAX_DRAWN_STEPS} this report draws. The decision log below has every choice.</p></section>`;
  const layout = layoutForPage(graphLayoutInput(input.ir, input.deployment));
  const legend = Object.keys(EDGE_STYLES)
    .sort()
    .map((mode) => {
      const style = EDGE_STYLES[mode]!;
      return `<span><svg width="36" height="10" aria-hidden="true"><line x1="0" y1="5" x2="36" y2="5" stroke="${style.color}" stroke-width="2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/></svg>${escapeHtml(style.meaning)}</span>`;
    })
    .join('');
  return [
    head,
    '<p class="lead">Each step: its function and the memory and architecture of the Lambda that runs it, its map width and bundle size, its fusion group, and how its inputs arrive (data passing of each in-edge). Laid out by dagre.</p>',
    `<div class="legend">${legend}</div>`,
    `<div class="graph-box">${graphSvg(layout)}</div>`,
    '</section>',
  ].join('\n');
}

type ChartRenderer = (spec: TopLevelSpec, id: string) => Promise<string>;

async function frontierSection(plan: Plan, chart: ChartRenderer): Promise<string> {
  const data = frontierChartData(plan);
  const svg = await chart(frontierChartSpec(data), 'chart-frontier');
  const caption = data.frontier.length > 0
    ? `${data.frontier.length} points the optimizer estimated (${data.percentile} by the Monte Carlo estimator, dominated points dropped); the step shows the cheapest plan at each latency.`
    : `No frontier: the ${escapeHtml(plan.strategy)} strategy computes none (only dagc's own sizing does).`;
  return `<section id="frontier"><h2>Cost–latency frontier</h2>\n<figure class="chart" data-chart="frontier">${svg}<figcaption>${caption}</figcaption></figure>\n</section>`;
}

async function costSection(plan: Plan, chart: ChartRenderer): Promise<string> {
  const rows = costBreakdownRows(plan);
  const svg = await chart(costBreakdownChartSpec(rows), 'chart-cost');
  const hasToday = rows.some((r) => r.todayPerMillionUsd !== undefined);
  const table = [
    `<table class="cost"><thead><tr><th>component</th><th class="num">chosen</th>${hasToday ? '<th class="num">today</th>' : ''}</tr></thead><tbody>`,
    ...rows.map((r) => `<tr><td>${escapeHtml(r.component)}</td><td class="num">${formatUsd(r.chosenPerMillionUsd)}</td>${hasToday ? `<td class="num">${r.todayPerMillionUsd === undefined ? '—' : formatUsd(r.todayPerMillionUsd)}</td>` : ''}</tr>`),
    `<tr><th>total</th><th class="num">${formatUsd(plan.predicted.cost.perMillionExecutionsUsd)}</th>${hasToday ? `<th class="num">${formatUsd(plan.today!.cost.perMillionExecutionsUsd)}</th>` : ''}</tr>`,
    '</tbody></table>',
  ].join('\n');
  return `<section id="cost"><h2>Cost breakdown</h2>\n<figure class="chart" data-chart="cost-breakdown">${svg}<figcaption>Expected cost per million executions (Monte Carlo estimate).</figcaption></figure>\n${table}\n</section>`;
}

async function functionsSection(input: ReportInput, chart: ChartRenderer): Promise<string> {
  const { plan } = input;
  const p = plan.slo.percentile;
  const names = Object.keys(plan.functions).sort();
  const table = [
    `<table class="functions"><thead><tr><th>function</th><th>today</th><th>chosen</th><th class="num">step ${p}</th><th class="num">cost / 1M</th><th>saving</th></tr></thead><tbody>`,
    ...names.map((name) => {
      const fn = plan.functions[name]!;
      const chosen = fn.batch ? `Batch ${escapeHtml(fn.batch.instanceType)}` : `${fn.memoryMb} MB ${fn.architecture}`;
      return `<tr><td>${escapeHtml(name)}</td><td>${fn.todayMemoryMb} MB ${fn.todayArchitecture}</td><td>${chosen}</td><td class="num">${formatMs(fn.stepLatencyMs)}</td><td class="num">${formatUsd(fn.costPerMillionExecutionsUsd)}</td><td>${formatSaving(fn.todayCostPerMillionExecutionsUsd, fn.costPerMillionExecutionsUsd)}</td></tr>`;
    }),
    '</tbody></table>',
  ].join('\n');
  const drawn = new Set(
    [...names]
      .sort((a, b) => plan.functions[b]!.costPerMillionExecutionsUsd - plan.functions[a]!.costPerMillionExecutionsUsd || (a < b ? -1 : 1))
      .slice(0, MAX_FUNCTION_CHARTS),
  );
  const figures: string[] = [];
  for (const [i, name] of names.entries()) {
    const profile = input.profiles.get(name);
    if (!profile) {
      figures.push(`<p class="warning">${escapeHtml(name)}: no profile, so no curves.</p>`);
      continue;
    }
    if (!drawn.has(name)) continue;
    const curves = functionCurves(name, profile, input.ir.functions.get(name), plan);
    const svg = await chart(functionCurveChartSpec(curves), `chart-fn${i + 1}`);
    figures.push(`<figure class="chart" data-chart="function" data-function="${escapeHtml(name)}">${svg}</figure>`);
  }
  const skipped = names.length - drawn.size;
  return [
    '<section id="functions"><h2>Functions</h2>',
    `<p class="lead">Each function's slowest step run alone (${p}) and its cost per million executions, then its duration and cost over memory: warm samples (small), measured medians (squares), the fitted curve and the predicted median the estimator uses, and the chosen and today's sizes (diamonds). Cost is one invocation at the median duration.</p>`,
    table,
    ...figures,
    skipped > 0 ? `<p>${skipped} cheaper functions are in the table but not drawn.</p>` : '',
    '</section>',
  ].join('\n');
}
