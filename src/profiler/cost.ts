// What profiling cost: invocations, billed GB-seconds and dollars, from the
// Billed Duration each REPORT line gives (so 100 ms billing, 1 ms billing and
// billed init are all charged as AWS charged them). Prices are not ours to
// know: they come from src/model's platform table through a PriceSheet.
import type { ReportRecord } from './report-line.ts';

export interface PriceSheet {
  perGbSecondUsd: number;
  perRequestUsd: number;
}

export interface SpendSummary {
  invocations: number;
  billedGbSeconds: number;
  /** Undefined when no price is known (e.g. an unlisted region). */
  costUsd?: number;
}

const MB_PER_GB = 1024;
const MS_PER_SECOND = 1000;

export function billedGbSeconds(report: ReportRecord): number {
  return (report.billedDurationMs / MS_PER_SECOND) * (report.memorySizeMb / MB_PER_GB);
}

export function spendOf(reports: readonly ReportRecord[], prices: PriceSheet | undefined): SpendSummary {
  const gbSeconds = reports.reduce((sum, report) => sum + billedGbSeconds(report), 0);
  const summary: SpendSummary = { invocations: reports.length, billedGbSeconds: gbSeconds };
  if (prices) summary.costUsd = gbSeconds * prices.perGbSecondUsd + reports.length * prices.perRequestUsd;
  return summary;
}
