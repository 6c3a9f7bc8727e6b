// The terminal summary of a plan: one row per function (today → chosen, its
// slowest step's latency at the SLO percentile, its cost per million
// executions today → chosen), then the workflow's predicted percentiles and
// cost against today's, and the cost breakdown. Plain text, fixed width.
import type { Plan } from '../codegen/plan.ts';
import type { Deployment } from '../ir/deployment.ts';
import type { Percentile, Slo } from '../ir/types.ts';
import type { EstimateSummary, MonteCarloError } from '../passes/estimator-port.ts';
import type { FrontierRow } from '../passes/frontier-table.ts';

export function renderPlanSummary(plan: Plan): string {
  const p = plan.slo.percentile;
  const rows: string[][] = [['function', 'today → chosen', `step ${p}`, 'cost / 1M', 'saving']];
  for (const [name, fn] of Object.entries(plan.functions)) {
    const today = `${fn.todayMemoryMb} MB ${fn.todayArchitecture}`;
    const chosen = `${fn.memoryMb} MB ${fn.architecture}`;
    const change = today === chosen ? `${chosen} (unchanged)` : `${today} → ${chosen}`;
    const latency = fn.todayStepLatencyMs === undefined ? fmtMs(fn.stepLatencyMs) : `${fmtMs(fn.todayStepLatencyMs)} → ${fmtMs(fn.stepLatencyMs)}`;
    const cost = fn.todayCostPerMillionExecutionsUsd === undefined ? usd(fn.costPerMillionExecutionsUsd) : `${usd(fn.todayCostPerMillionExecutionsUsd)} → ${usd(fn.costPerMillionExecutionsUsd)}`;
    rows.push([name, change, latency, cost, fn.todayCostPerMillionExecutionsUsd === undefined ? '—' : pct(fn.todayCostPerMillionExecutionsUsd, fn.costPerMillionExecutionsUsd)]);
  }
  const lines = table(rows);
  const predicted = plan.predicted;
  const today = plan.today;
  lines.push('');
  lines.push(`workflow ${p}: ${fmtMs(predicted.latencyMs[p])}${monteCarloNote(predicted.monteCarlo, p)} (SLO ${fmtMs(plan.slo.latencyMs)}${today ? `, today ${fmtMs(today.latencyMs[p])}` : ''})${predicted.meetsSlo ? '' : '  MISSES THE SLO'}`);
  lines.push(`p50 ${fmtMs(predicted.latencyMs.p50)}  p90 ${fmtMs(predicted.latencyMs.p90)}  p99 ${fmtMs(predicted.latencyMs.p99)}`);
  lines.push(`cost per 1M executions: ${usd(predicted.cost.perMillionExecutionsUsd)}${today ? ` (today ${usd(today.cost.perMillionExecutionsUsd)}, ${pct(today.cost.perMillionExecutionsUsd, predicted.cost.perMillionExecutionsUsd)})` : ''}`);
  const b = predicted.cost.breakdown;
  lines.push(`  Lambda compute ${m(b.lambdaComputeUsd)}  requests ${m(b.lambdaRequestsUsd)}  Step Functions ${m(b.stepFunctionsUsd)}  S3 ${m(b.s3Usd)}  provisioned ${m(b.provisionedConcurrencyUsd)}`);
  if (b.batchUsd !== undefined) lines[lines.length - 1] += `  Batch ${m(b.batchUsd)}`;
  lines.push(structureLine(plan));
  if (plan.todayProblem) lines.push(`today's settings cannot run: ${plan.todayProblem}`);
  if (!plan.structure.seriesParallel) lines.push(`structure: ${plan.structure.joins.length + 1} stages run one after another, a join between each, so Step Functions can express the DAG`);
  lines.push(`strategy ${plan.strategy}; estimator ${plan.estimator.method}, ${plan.estimator.samples} samples, seed ${plan.estimator.seed}`);
  return `${lines.join('\n')}\n`;
}

/** The structural decisions in one line: orchestration, fusion groups, bundled and Distributed maps, Batch jobs, prewarming. */
function structureLine(plan: Plan): string {
  const parts = [plan.orchestration === 'express' ? 'Express workflow (steps must be idempotent)' : 'Standard workflow'];
  for (const [, group] of Object.entries(plan.groups ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) parts.push(`fused ${group.steps.join('+')} (${group.memoryMb} MB)`);
  const steps = Object.entries(plan.steps).sort(([a], [b]) => (a < b ? -1 : 1));
  const bundled = steps.filter(([, s]) => (s.bundleSize ?? 1) > 1).map(([id, s]) => `${id}×${s.bundleSize}`);
  if (bundled.length > 0) parts.push(`bundles ${bundled.join(', ')}`);
  const distributed = steps.filter(([, s]) => s.map?.mode === 'distributed').map(([id]) => id);
  if (distributed.length > 0) parts.push(`Distributed Map ${distributed.join(', ')}`);
  const batch = Object.entries(plan.functions).filter(([, f]) => f.batch).map(([fn, f]) => `${fn} on ${f.batch!.instanceType}`);
  if (batch.length > 0) parts.push(`AWS Batch ${batch.join(', ')}`);
  const warmed = steps.filter(([, s]) => s.warmedBy !== undefined || (s.prewarm ?? 0) > 0).map(([id]) => id);
  if (warmed.length > 0) parts.push(`prewarmed ${warmed.join(', ')}`);
  return `decisions: ${parts.join('; ')}`;
}

/**
 * " ± 12ms (95 %: 1.41s–1.44s, 4096 samples)": the sampling error of the percentile shown, as the half-width of its
 * interval and the interval itself (it need not be symmetric); nothing when the estimate did not say, or said it of
 * another percentile.
 */
export function monteCarloNote(error: MonteCarloError | undefined, percentile: Percentile): string {
  if (!error || error.percentile !== percentile) return '';
  return ` ± ${fmtMs((error.highMs - error.lowMs) / 2)} (${Math.round(error.confidence * 100)} %: ${fmtMs(error.lowMs)}–${fmtMs(error.highMs)}, ${error.samples} samples)`;
}

/**
 * What `dagc optimize --json` prints when no plan meets the SLO: that it is
 * infeasible, and the fastest plan found (its percentiles, cost and sizes), so
 * a tool can report what the SLO would have to be and what it would cost.
 */
export function infeasibleReport(app: string, strategy: string, slo: Slo, fastest: { deployment: Deployment; summary: EstimateSummary }) {
  return {
    app,
    strategy,
    slo: { percentile: slo.percentile, latencyMs: slo.latencyMs },
    meetsSlo: false,
    infeasible: true,
    fastest: {
      latencyMs: fastest.summary.latencyMs,
      ...(fastest.summary.monteCarlo ? { monteCarlo: fastest.summary.monteCarlo } : {}),
      cost: { perExecutionUsd: fastest.summary.costUsd, perMillionExecutionsUsd: fastest.summary.costUsd * 1_000_000, breakdown: fastest.summary.breakdown },
      functions: fastest.deployment.functions,
      orchestration: fastest.deployment.orchestration,
    },
  };
}

/** The cost–latency frontier, fastest first, each row against the chosen plan. */
export function renderFrontier(rows: readonly FrontierRow[], percentile: string, sloMs: number): string {
  if (rows.length === 0) return 'no frontier: only dagc\'s own sizing computes one (not --strategy <baseline>)\n';
  const chosen = rows.find((r) => r.chosen);
  const out: string[][] = [[percentile, 'cost / 1M', 'vs chosen', 'SLO', '']];
  for (const row of rows) {
    const delta = chosen && !row.chosen ? `${signedMs(row.latencyMs - chosen.latencyMs)}, ${signedUsd((row.costUsd - chosen.costUsd) * 1e6)}` : '';
    out.push([fmtMs(row.latencyMs), usd(row.costUsd * 1e6), delta, row.latencyMs <= sloMs ? 'meets' : 'misses', row.chosen ? '← chosen' : '']);
  }
  return `cost–${percentile} frontier (each point estimated; dominated points dropped):\n${table(out).map((l) => `  ${l}`).join('\n')}\n`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines;
}

function m(perExecutionUsd: number): string {
  return usd(perExecutionUsd * 1_000_000);
}

function usd(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

function signedUsd(amount: number): string {
  return `${amount >= 0 ? '+' : '−'}$${Math.abs(amount).toFixed(2)}`;
}

function signedMs(latencyMs: number): string {
  return `${latencyMs >= 0 ? '+' : '−'}${fmtMs(Math.abs(latencyMs))}`;
}

function fmtMs(latencyMs: number): string {
  return latencyMs >= 1000 ? `${(latencyMs / 1000).toFixed(2)}s` : `${Math.round(latencyMs)}ms`;
}

function pct(today: number, chosen: number): string {
  if (today <= 0) return '—';
  const saving = ((today - chosen) / today) * 100;
  if (Math.abs(saving) < 0.05) return 'same';
  return saving >= 0 ? `${saving.toFixed(1)}% cheaper` : `${(-saving).toFixed(1)}% dearer`;
}
