// The gate's limits as users write them on the command line:
//   --max-cost-increase 5%        the cost per 1M executions may rise by at most 5 %
//   --max-cost-increase $0.50/1M  … by at most $0.50 per million executions
//   --max-p95-increase 10%        the workflow's predicted p95 may rise by at most 10 %
//   --max-p95-increase 200ms      … by at most 200 ms (any duration app.yaml accepts: 1.5s)
// A value that is none of these is bad input (DAGC0500/0501, exit 2), never a
// gate that silently does not apply. Negative limits are refused: a gate that
// demands a saving is a different tool.
import { DagcUserError, type SourcePosition } from '../diagnostics/diagnostic.ts';
import { diffDiagnostics } from '../diagnostics/diff.ts';
import { parseDurationMs } from '../spec/units.ts';

export interface CostLimit {
  /** As written, for messages. */
  text: string;
  /** Largest allowed (new − old) / old. */
  relative?: number;
  /** Largest allowed rise in the cost per million executions. */
  perMillionExecutionsUsd?: number;
}

export interface P95Limit {
  text: string;
  relative?: number;
  latencyMs?: number;
}

export interface GateLimits {
  maxCostIncrease?: CostLimit;
  maxP95Increase?: P95Limit;
}

const PERCENT = /^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$/;
const DOLLARS_PER_MILLION = /^\s*\$?\s*([0-9]+(?:\.[0-9]+)?)\s*\/\s*1\s*M\s*$/i;

export function parseCostLimit(text: string, position?: SourcePosition): CostLimit {
  const percent = PERCENT.exec(text);
  if (percent) return { text: text.trim(), relative: Number(percent[1]) / 100 };
  const dollars = DOLLARS_PER_MILLION.exec(text);
  if (dollars) return { text: text.trim(), perMillionExecutionsUsd: Number(dollars[1]) };
  throw new DagcUserError([diffDiagnostics.badCostThreshold(text, position)]);
}

export function parseP95Limit(text: string, position?: SourcePosition): P95Limit {
  const percent = PERCENT.exec(text);
  if (percent) return { text: text.trim(), relative: Number(percent[1]) / 100 };
  const latencyMs = parseDurationMs(text);
  if (latencyMs !== undefined) return { text: text.trim(), latencyMs };
  throw new DagcUserError([diffDiagnostics.badP95Threshold(text, position)]);
}
