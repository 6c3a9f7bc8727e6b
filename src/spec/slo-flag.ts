// Parses --slo p95=2s (the command-line form of an SLO, which overrides the
// spec's slo). A malformed flag is a user error (DAGC0023, exit 2).
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { specDiagnostics } from '../diagnostics/spec.ts';
import type { Percentile, Slo } from '../ir/types.ts';
import { parseDurationMs } from './units.ts';

const PERCENTILES: readonly Percentile[] = ['p50', 'p90', 'p95', 'p99'];

export function parseSloFlag(text: string): Slo {
  const match = /^\s*(p\d\d)\s*[=:]\s*(.+)$/.exec(text);
  const percentile = match?.[1] as Percentile | undefined;
  const latencyMs = match ? parseDurationMs(match[2]!) : undefined;
  if (!percentile || !PERCENTILES.includes(percentile) || latencyMs === undefined || latencyMs <= 0) {
    throw new DagcUserError([specDiagnostics.badSloFlag(text)]);
  }
  return { percentile, latencyMs };
}
