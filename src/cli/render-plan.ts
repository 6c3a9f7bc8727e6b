// The terminal summary of a plan: one row per function (today → chosen), then
// the predicted percentile and cost against today's. Plain text, fixed width.
import type { Plan } from '../codegen/plan.ts';

export function renderPlanSummary(plan: Plan): string {
  const rows: string[][] = [['function', 'today', 'chosen']];
  for (const [name, fn] of Object.entries(plan.functions)) {
    rows.push([name, `${fn.todayMemoryMb} MB ${fn.todayArchitecture}`, `${fn.memoryMb} MB ${fn.architecture}`]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const p = plan.slo.percentile;
  const predicted = plan.predicted;
  const today = plan.today;
  lines.push('');
  lines.push(`${p}: ${fmtMs(predicted.latencyMs[p])} (SLO ${fmtMs(plan.slo.latencyMs)}, today ${fmtMs(today.latencyMs[p])})${predicted.meetsSlo ? '' : '  MISSES THE SLO'}`);
  lines.push(`p50 ${fmtMs(predicted.latencyMs.p50)}  p99 ${fmtMs(predicted.latencyMs.p99)}`);
  lines.push(`cost per 1M executions: $${predicted.cost.perMillionExecutionsUsd.toFixed(2)} (today $${today.cost.perMillionExecutionsUsd.toFixed(2)}, ${savingText(plan)})`);
  const b = predicted.cost.breakdown;
  lines.push(`  Lambda compute $${m(b.lambdaComputeUsd)}  requests $${m(b.lambdaRequestsUsd)}  Step Functions $${m(b.stepFunctionsUsd)}  S3 $${m(b.s3Usd)}  provisioned $${m(b.provisionedConcurrencyUsd)}`);
  if (!plan.structure.seriesParallel) lines.push(`structure: ${plan.structure.addedEdges.length} synchronization edges added so Step Functions can express the DAG`);
  return `${lines.join('\n')}\n`;
}

function m(perExecutionUsd: number): string {
  return (perExecutionUsd * 1_000_000).toFixed(2);
}

function fmtMs(latencyMs: number): string {
  return latencyMs >= 1000 ? `${(latencyMs / 1000).toFixed(2)}s` : `${Math.round(latencyMs)}ms`;
}

function savingText(plan: Plan): string {
  const today = plan.today.cost.perMillionExecutionsUsd;
  if (today <= 0) return 'no baseline cost';
  const pct = (plan.savingPerMillionExecutionsUsd / today) * 100;
  return pct >= 0 ? `${pct.toFixed(1)}% cheaper` : `${(-pct).toFixed(1)}% more, to meet the SLO`;
}
