// `dagc report --format md`: the report as markdown for a terminal (or a PR
// comment): the headline numbers, the steps with the same labels the graph
// draws, the functions today → chosen, the cost breakdown, the frontier
// (thinned to MAX_FRONTIER_ROWS, the chosen point always kept) and the
// decision log grouped by pass. Charts have no place in a terminal; their
// numbers do. A pure function of the report input.
import { formatDiagnostic } from '../diagnostics/diagnostic.ts';
import { costBreakdownRows } from './cost-breakdown.ts';
import { formatMs, formatNumbers, formatSaving, formatUsd } from './format.ts';
import { frontierChartData } from './frontier-chart.ts';
import { markdownTable } from './markdown-table.ts';
import type { ReportInput } from './report-input.ts';
import { inEdgeText, stepLabels } from './step-labels.ts';

export const MAX_FRONTIER_ROWS = 20;
export const MAX_STEP_ROWS = 200;

export function renderMarkdownReport(input: ReportInput): string {
  const { plan } = input;
  const p = plan.slo.percentile;
  const predicted = plan.predicted;
  const today = plan.today;
  const out: string[] = [`# dagc report: ${plan.app}`, ''];
  out.push(`- **${p}**: ${formatMs(predicted.latencyMs[p])} against an SLO of ${formatMs(plan.slo.latencyMs)}: ${predicted.meetsSlo ? 'meets it' : '**misses it**'}${today ? ` (today ${formatMs(today.latencyMs[p])})` : ''}`);
  out.push(`- **percentiles**: p50 ${formatMs(predicted.latencyMs.p50)}, p90 ${formatMs(predicted.latencyMs.p90)}, p95 ${formatMs(predicted.latencyMs.p95)}, p99 ${formatMs(predicted.latencyMs.p99)}`);
  out.push(`- **cost per 1M executions**: ${formatUsd(predicted.cost.perMillionExecutionsUsd)}${today ? ` (today ${formatUsd(today.cost.perMillionExecutionsUsd)}, ${formatSaving(today.cost.perMillionExecutionsUsd, predicted.cost.perMillionExecutionsUsd)})` : ''}`);
  out.push(`- **orchestration**: Step Functions ${plan.orchestration === 'express' ? 'Express' : 'Standard'}; ${plan.structure.seriesParallel ? 'series-parallel' : `${plan.structure.joins.length + 1} stages joined (not series-parallel)`}`);
  out.push(`- **strategy** ${plan.strategy}, region ${plan.region}, estimator ${plan.estimator.method} (${plan.estimator.samples} samples, seed ${plan.estimator.seed})`);
  for (const warning of input.warnings) out.push('', `> ${formatDiagnostic(warning).replace(/\n/g, '\n> ')}`);
  if (plan.todayProblem) out.push('', `> today's settings cannot run: ${plan.todayProblem}`);

  const labels = stepLabels(input.ir, input.deployment);
  out.push('', '## Steps', '');
  out.push(
    markdownTable(
      ['step', 'function', 'memory', 'map · bundle', 'fusion group', 'in-edges'],
      labels.slice(0, MAX_STEP_ROWS).map((l) => [
        l.id,
        l.functionName ?? l.kind,
        l.memory ?? '—',
        l.mapWidth ? `${l.mapWidth} · bundle ${l.bundleSize} · ${l.mapMode}` : '—',
        l.fusionGroup ?? '—',
        inEdgeText(l.inEdges),
      ]),
    ),
  );
  if (labels.length > MAX_STEP_ROWS) out.push('', `… and ${labels.length - MAX_STEP_ROWS} more steps.`);

  out.push('', '## Functions', '');
  out.push(
    markdownTable(
      ['function', 'today', 'chosen', `step ${p}`, 'cost / 1M', 'saving'],
      Object.keys(plan.functions)
        .sort()
        .map((name) => {
          const fn = plan.functions[name]!;
          return [
            name,
            `${fn.todayMemoryMb} MB ${fn.todayArchitecture}`,
            fn.batch ? `Batch ${fn.batch.instanceType}` : `${fn.memoryMb} MB ${fn.architecture}`,
            formatMs(fn.stepLatencyMs),
            formatUsd(fn.costPerMillionExecutionsUsd),
            formatSaving(fn.todayCostPerMillionExecutionsUsd, fn.costPerMillionExecutionsUsd),
          ];
        }),
      new Set([3, 4]),
    ),
  );

  const rows = costBreakdownRows(plan);
  out.push('', '## Cost per 1M executions', '');
  out.push(
    markdownTable(
      ['component', 'chosen', ...(today ? ['today'] : [])],
      [
        ...rows.map((r) => [r.component, formatUsd(r.chosenPerMillionUsd), ...(today ? [r.todayPerMillionUsd === undefined ? '—' : formatUsd(r.todayPerMillionUsd)] : [])]),
        ['total', formatUsd(predicted.cost.perMillionExecutionsUsd), ...(today ? [formatUsd(today.cost.perMillionExecutionsUsd)] : [])],
      ],
      new Set([1, 2]),
    ),
  );

  out.push('', `## Cost–${p} frontier`, '');
  out.push(frontierMarkdown(input));

  out.push('', '## Decisions');
  let pass = '';
  for (const d of plan.decisions) {
    if (d.pass !== pass) {
      pass = d.pass;
      out.push('', `### ${pass}`, '');
    }
    const numbers = formatNumbers(d.numbers);
    out.push(`- ${d.kind} **${d.subject}**: ${d.chosen}${numbers ? ` (${numbers})` : ''}`);
    for (const r of d.rejected) {
      const theirs = r.numbers ? formatNumbers(r.numbers) : '';
      out.push(`  - rejected ${r.option}: ${r.reason}${theirs ? ` (${theirs})` : ''}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function frontierMarkdown(input: ReportInput): string {
  const data = frontierChartData(input.plan);
  const chosen = data.marks.find((m) => m.plan === 'chosen')!;
  if (data.frontier.length === 0) return `No frontier: the ${input.plan.strategy} strategy computes none.`;
  const keep = new Set<number>();
  const n = data.frontier.length;
  for (let i = 0; i < Math.min(n, MAX_FRONTIER_ROWS); i += 1) keep.add(Math.round((i * (n - 1)) / Math.max(1, Math.min(n, MAX_FRONTIER_ROWS) - 1)));
  // plan.json rounds the frontier's costs and the prediction's per-million cost separately: equal up to that rounding.
  const chosenIndex = data.frontier.findIndex((f) => Math.abs(f.latencyMs - chosen.latencyMs) < 1e-6 && Math.abs(f.costPerMillionUsd - chosen.costPerMillionUsd) <= 1e-6 * chosen.costPerMillionUsd);
  if (chosenIndex >= 0) keep.add(chosenIndex);
  const rows = [...keep]
    .sort((a, b) => a - b)
    .map((i) => {
      const f = data.frontier[i]!;
      return [formatMs(f.latencyMs), formatUsd(f.costPerMillionUsd), f.latencyMs <= data.sloMs ? 'meets' : 'misses', i === chosenIndex ? '← chosen' : ''];
    });
  const note = n > rows.length ? `\n\n${rows.length} of ${n} points shown, evenly spaced.` : '';
  return `${markdownTable([data.percentile, 'cost / 1M', 'SLO', ''], rows, new Set([0, 1]))}${note}`;
}
