// The cost–latency frontier a user reads (`dagc optimize --frontier`): up to
// N points of the sizing's frontier, spread evenly along it, each judged by
// the whole-workflow estimate (the frontier's own latencies are surrogates),
// together with every plan the search already estimated and the chosen one;
// what is left after dropping dominated points is the table, fastest first.
// It answers "what would one more 100 ms of SLO save?".
// Complexity: up to N whole-workflow estimates.
import { deploymentWith } from './function-options.ts';
import type { Deployment } from '../ir/deployment.ts';
import type { IR } from '../ir/types.ts';
import { latencyAt, type EstimateSummary } from './estimator-port.ts';
import { NO_PICK } from './frontier-sizing.ts';
import { materialize } from './frontier/curve.ts';
import type { OptimizerSession } from './optimizer-session.ts';
import type { ConfigurationOption } from './strategy.ts';

export interface FrontierRow {
  /** The estimate at the SLO's percentile. */
  latencyMs: number;
  costUsd: number;
  meetsSlo: boolean;
  chosen: boolean;
  functions: Record<string, ConfigurationOption>;
}

export function frontierTable(session: OptimizerSession, ir: IR, points: number, chosen: { deployment: Deployment; summary: EstimateSummary }): FrontierRow[] {
  const { slo } = session;
  const sizing = session.sizing!;
  const candidates: Array<{ deployment: Deployment; summary: EstimateSummary; chosen: boolean }> = [
    { ...chosen, chosen: true },
    ...sizing.checks.map((c) => ({ deployment: c.deployment, summary: c.summary, chosen: false })),
  ];
  const frontier = sizing.frontier;
  const step = Math.max(1, (frontier.length - 1) / Math.max(1, points - 1));
  const indices = new Set<number>();
  for (let x = 0; x < frontier.length && indices.size < points; x += step) indices.add(Math.round(x));
  if (frontier.length > 0) indices.add(frontier.length - 1);
  const base = chosen.deployment;
  for (const i of [...indices].sort((a, b) => a - b)) {
    const assignment = new Map<string, ConfigurationOption>();
    for (const pick of materialize(frontier[i]!.choice)) if (pick !== NO_PICK) assignment.set(pick.fn, pick.option);
    const deployment = deploymentWith(ir, assignment, base);
    candidates.push({ deployment, summary: session.estimate(ir, deployment), chosen: false });
  }
  const rows = candidates
    .map((c) => ({
      latencyMs: latencyAt(c.summary, slo.percentile),
      costUsd: c.summary.costUsd,
      meetsSlo: latencyAt(c.summary, slo.percentile) <= slo.latencyMs,
      chosen: c.chosen,
      functions: c.deployment.functions,
    }))
    .sort((a, b) => a.latencyMs - b.latencyMs || a.costUsd - b.costUsd || Number(b.chosen) - Number(a.chosen));
  const front: FrontierRow[] = [];
  for (const row of rows) {
    const last = front[front.length - 1];
    if (!last || row.costUsd < last.costUsd) front.push(row);
    else if (row.chosen && row.latencyMs === last.latencyMs && row.costUsd === last.costUsd) last.chosen = true;
  }
  // The chosen plan is always shown, even where another estimated point dominates it.
  if (!front.some((r) => r.chosen)) front.push(rows.find((r) => r.chosen)!);
  return front.sort((a, b) => a.latencyMs - b.latencyMs || a.costUsd - b.costUsd);
}
