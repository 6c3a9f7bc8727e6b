// The rows both the terminal and the markdown renderings show, built once so
// the two cannot disagree: the summary line, the workflow's numbers, the
// functions, the cost breakdown and the changes, each as cells of text.
import type { DiffReport } from './diff-report.ts';
import { deltaText, ms, NONE, signedMs, signedPercent, signedUsd, signedUsdPerExecution, usd, usdPerExecution } from './format.ts';
import type { NumberDelta } from './number-delta.ts';
import { isChanged } from './number-delta.ts';
import { BREAKDOWN_PARTS } from './plan-diff.ts';

const BREAKDOWN_LABELS: Record<(typeof BREAKDOWN_PARTS)[number], string> = {
  lambdaComputeUsd: 'Lambda compute',
  lambdaRequestsUsd: 'Lambda requests',
  stepFunctionsUsd: 'Step Functions',
  s3Usd: 'S3',
  provisionedConcurrencyUsd: 'provisioned concurrency',
  batchUsd: 'AWS Batch',
};

/** One line saying what happened: the app, the verdict, cost and p95 moves, the SLO, how many decisions changed. */
export function summaryLine(report: DiffReport): string {
  const w = report.workflow;
  const app = report.old.app === report.new.app ? report.new.app : `${report.old.app} → ${report.new.app}`;
  const slo = report.slo.new;
  const sloText = `SLO ${slo.percentile} ≤ ${ms(slo.latencyMs)} ${slo.meets ? 'met' : 'MISSED'}`;
  const changes = report.changes.length === 0 ? 'no deployment change' : `${report.changes.length} deployment change${report.changes.length === 1 ? '' : 's'}`;
  return `${app}: ${report.gate.passed ? 'OK' : 'REGRESSION'}: cost per 1M executions ${move(w.costPerMillionExecutionsUsd, usd)}, p95 ${move(w.latencyMs.p95, ms)}, ${sloText}; ${changes}`;
}

function move(d: NumberDelta, show: (value: number | null) => string): string {
  if (!isChanged(d)) return `${show(d.new)} (unchanged)`;
  return `${show(d.old)} → ${show(d.new)}${d.relative === null ? '' : ` (${signedPercent(d.relative)})`}`;
}

export function workflowRows(report: DiffReport): string[][] {
  const w = report.workflow;
  const rows: string[][] = [
    ['cost / 1M executions', usd(w.costPerMillionExecutionsUsd.old), usd(w.costPerMillionExecutionsUsd.new), changeText(w.costPerMillionExecutionsUsd, signedUsd)],
    ['cost / execution', usdPerExecution(w.costPerExecutionUsd.old), usdPerExecution(w.costPerExecutionUsd.new), changeText(w.costPerExecutionUsd, signedUsdPerExecution)],
  ];
  for (const p of ['p50', 'p95', 'p99'] as const) rows.push([`${p} latency`, ms(w.latencyMs[p].old), ms(w.latencyMs[p].new), changeText(w.latencyMs[p], signedMs)]);
  const { old: a, new: b } = report.slo;
  const side = (s: typeof a) => `${s.percentile} ≤ ${ms(s.latencyMs)}: ${s.meets ? 'met' : 'missed'}`;
  rows.push(['SLO', side(a), side(b), sloChange(report)]);
  return rows;
}

function sloChange(report: DiffReport): string {
  const { old: a, new: b, changed } = report.slo;
  const status = a.meets && !b.meets ? 'newly missed' : !a.meets && b.meets ? 'now met' : b.meets ? 'still met' : 'still missed';
  return changed ? `SLO changed; ${status}` : status;
}

function changeText(d: NumberDelta, signed: (value: number) => string): string {
  return isChanged(d) ? deltaText(d, signed) : 'unchanged';
}

export function functionHeader(report: DiffReport): string[] {
  return ['function', 'memory', 'architecture', `step ${report.slo.new.percentile}`, 'cost / 1M', 'cost change'];
}

export function functionRows(report: DiffReport): string[][] {
  return report.functions.map((f) => {
    const pair = <T>(a: T | null, b: T | null, show: (v: T) => string) => {
      if (a === null) return `added: ${b === null ? NONE : show(b)}`;
      if (b === null) return `removed (was ${show(a)})`;
      return a === b ? show(a) : `${show(a)} → ${show(b)}`;
    };
    const latency = f.stepLatencyMs.old !== null && f.stepLatencyMs.new !== null && !isChanged(f.stepLatencyMs) ? ms(f.stepLatencyMs.new) : `${ms(f.stepLatencyMs.old)} → ${ms(f.stepLatencyMs.new)}`;
    const cost = f.costPerMillionExecutionsUsd;
    return [
      f.function,
      pair(f.memoryMb.old, f.memoryMb.new, (v) => `${v} MB`),
      pair(f.architecture.old, f.architecture.new, (v) => v),
      latency,
      cost.old !== null && cost.new !== null && !isChanged(cost) ? usd(cost.new) : `${usd(cost.old)} → ${usd(cost.new)}`,
      changeText(cost, signedUsd),
    ];
  });
}

export function breakdownRows(report: DiffReport): string[][] {
  // AWS Batch only where either plan runs an accelerator step: other workflows never pay it.
  const shown = BREAKDOWN_PARTS.filter((part) => part !== 'batchUsd' || report.workflow.breakdownPerMillionExecutionsUsd[part].old !== 0 || report.workflow.breakdownPerMillionExecutionsUsd[part].new !== 0);
  return shown.map((part) => {
    const d = report.workflow.breakdownPerMillionExecutionsUsd[part];
    return [BREAKDOWN_LABELS[part], usd(d.old), usd(d.new), changeText(d, signedUsd)];
  });
}

export function changeRows(report: DiffReport): string[][] {
  return report.changes.map((c) => [c.aspect, c.subject, c.old, c.new]);
}

export function planRows(report: DiffReport): string[][] {
  const describe = (p: DiffReport['old']) => [
    p.file,
    p.app,
    p.dagcVersion ?? 'not recorded',
    p.strategy,
    p.region,
    `${p.estimator.method}, ${p.estimator.samples} samples, seed ${p.estimator.seed}`,
    `${p.profiles.length} (${p.profiles.map((x) => `${x.function} ${x.sha256.slice(0, 12)}`).join(', ')})`,
  ];
  const labels = ['file', 'app', 'dagc version', 'strategy', 'region', 'estimator', 'profiles (sha256)'];
  const a = describe(report.old);
  const b = describe(report.new);
  return labels.map((label, i) => [label, a[i]!, b[i]!]);
}
