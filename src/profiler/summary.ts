// The end-of-run report of `dagc profile`: per function where it was
// measured, how many invocations that took and what they cost; as a text
// table for people and as one JSON document for machines (--json). Functions
// are in name order, numbers rounded, so the same run prints the same bytes.
import type { SpendSummary } from './cost.ts';

export interface FunctionReport {
  function: string;
  deployedName?: string;
  architecture: string;
  source: string;
  measuredMb: number[];
  flatFromMb?: number;
  spend: SpendSummary;
  /** Invocations this process made (resumed or log-based runs make fewer or none). */
  invocationsThisRun: number;
  profilePath: string;
  /** Fitted-model error on the measured sizes, when a model could be fitted. */
  fitErrorPct?: number;
}

export interface RunReport {
  app: string;
  mode: 'invoke' | 'logs';
  region: string;
  endpoint?: string;
  functions: FunctionReport[];
  skipped: string[];
  interrupted: boolean;
  totals: SpendSummary;
}

export function totalSpend(functions: readonly FunctionReport[]): SpendSummary {
  const totals: SpendSummary = {
    invocations: functions.reduce((sum, f) => sum + f.spend.invocations, 0),
    billedGbSeconds: functions.reduce((sum, f) => sum + f.spend.billedGbSeconds, 0),
  };
  if (functions.every((f) => f.spend.costUsd !== undefined)) totals.costUsd = functions.reduce((sum, f) => sum + (f.spend.costUsd ?? 0), 0);
  return totals;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function usd(value: number | undefined): string {
  return value === undefined ? 'n/a' : `$${value < 0.01 ? value.toFixed(6) : value.toFixed(4)}`;
}

export function renderRunReport(report: RunReport): string {
  const header = ['function', 'arch', 'memory sizes (MB)', report.mode === 'logs' ? 'invocations in logs' : 'invocations', 'GB-s', 'cost', 'profile'];
  const rows = report.functions.map((f) => [
    f.function,
    f.architecture,
    `${f.measuredMb.join(',')}${f.flatFromMb !== undefined ? ` (flat from ${f.flatFromMb})` : ''}`,
    report.mode === 'logs' || f.invocationsThisRun === f.spend.invocations ? String(f.spend.invocations) : `${f.spend.invocations} (${f.invocationsThisRun} this run)`,
    round(f.spend.billedGbSeconds, 3).toFixed(3),
    usd(f.spend.costUsd),
    f.profilePath,
  ]);
  const totals = ['total', '', '', String(report.totals.invocations), round(report.totals.billedGbSeconds, 3).toFixed(3), usd(report.totals.costUsd), ''];
  const table = [header, ...rows, totals];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const lines = table.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  const where = report.mode === 'logs' ? 'from existing logs, no invocations' : `${report.endpoint ?? 'AWS'} (${report.region})`;
  const notes = [`profiled ${report.app} ${where}`];
  if (report.skipped.length > 0) notes.push(`skipped: ${report.skipped.join(', ')}`);
  if (report.mode === 'invoke' && report.endpoint !== undefined) notes.push('cost is what AWS would charge for the same billed durations');
  return `${notes.join('\n')}\n${lines.join('\n')}\n`;
}

export function runReportJson(report: RunReport): string {
  const rounded = {
    ...report,
    functions: report.functions.map((f) => ({
      ...f,
      spend: roundSpend(f.spend),
      ...(f.fitErrorPct === undefined ? {} : { fitErrorPct: round(f.fitErrorPct, 2) }),
    })),
    totals: roundSpend(report.totals),
  };
  return `${JSON.stringify(rounded, null, 2)}\n`;
}

function roundSpend(spend: SpendSummary): SpendSummary {
  const rounded: SpendSummary = { invocations: spend.invocations, billedGbSeconds: round(spend.billedGbSeconds, 6) };
  if (spend.costUsd !== undefined) rounded.costUsd = round(spend.costUsd, 9);
  return rounded;
}
