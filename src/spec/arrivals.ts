// The arrival model as users write it: the spec's `arrivals:` section and the
// `--arrivals` flag (rate=60/h, burst=30@1h, burst=30@1m×5, or both joined by a
// comma), parsed into the IR's ArrivalModel (src/ir/types.ts), and the checks
// the schema cannot make (a model with no traffic at all; a burst count that
// cannot matter). What the model means for cold starts is src/sim/arrivals.ts.
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { specDiagnostics } from '../diagnostics/spec.ts';
import type { ArrivalModel } from '../ir/types.ts';
import type { SourceMap } from './source-map.ts';
import type { ArrivalsSpec } from './types.ts';

// How long Lambda keeps an idle environment. The spec phase checks against it before the platform model
// (src/model) is consulted; the model table holds the same fact (OVERHEADS.idleEnvironmentLifetimeMs) and a
// test keeps the two equal.
export const IDLE_ENVIRONMENT_LIFETIME_MS = 5 * 60_000;

const PER_HOUR: Record<string, number> = { h: 1, min: 60, m: 60, s: 3600 };
const INTERVAL_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** "60/h" → 60, "1/min" → 60, "0.5/s" → 1800; undefined when it does not parse. */
export function parseRatePerHour(text: string): number | undefined {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*\/\s*(h|min|m|s)\s*$/.exec(text);
  return match ? Number(match[1]) * PER_HOUR[match[2]!]! : undefined;
}

/** "30s" → 30000, "1h" → 3600000; undefined when it does not parse. */
export function parseIntervalMs(text: string): number | undefined {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s|min|m|h)\s*$/.exec(text);
  return match ? Number(match[1]) * INTERVAL_MS[match[2]!]! : undefined;
}

/** The spec's section as the IR's model (the spec passed the schema and checkArrivals). A burst without a rate has no steady traffic. */
export function arrivalsFromSpec(spec: ArrivalsSpec): ArrivalModel {
  const model: ArrivalModel = { ratePerHour: spec.rate !== undefined ? parseRatePerHour(spec.rate)! : 0 };
  if (spec.burst) {
    model.burst = { executions: spec.burst.executions, everyMs: parseIntervalMs(spec.burst.every)! };
    if (spec.burst.count !== undefined) model.burst.count = spec.burst.count;
  }
  return model;
}

export function checkArrivals(spec: ArrivalsSpec | undefined, sourceMap: SourceMap): Diagnostic[] {
  if (!spec) return [];
  const at = (...path: string[]) => sourceMap.positionOf(['arrivals', ...path]);
  const diagnostics: Diagnostic[] = [];
  const everyMs = spec.burst ? parseIntervalMs(spec.burst.every) : undefined;
  if (spec.burst && !(everyMs! > 0)) diagnostics.push(specDiagnostics.noArrivals(at('burst', 'every'), `burst every ${spec.burst.every}: bursts need time between them`));
  const rate = spec.rate !== undefined ? parseRatePerHour(spec.rate) : undefined;
  if (!spec.burst && !(rate! > 0)) diagnostics.push(specDiagnostics.noArrivals(at('rate'), `rate ${spec.rate ?? '(none)'} with no bursts: no execution ever arrives`));
  if (spec.burst?.count !== undefined && everyMs! > IDLE_ENVIRONMENT_LIFETIME_MS) diagnostics.push(specDiagnostics.burstCountIgnored(at('burst', 'count'), spec.burst.every, IDLE_ENVIRONMENT_LIFETIME_MS));
  return diagnostics;
}

/**
 * --arrivals: comma-separated parts, rate=R/unit and burst=N@interval with an optional ×K (or xK) bursts per
 * episode; at most one of each. A burst without a rate has no steady traffic. Throws DAGC0027 on anything else.
 */
export function parseArrivalsFlag(text: string): ArrivalModel {
  const bad = () => new DagcUserError([specDiagnostics.badArrivalsFlag(text)]);
  let ratePerHour: number | undefined;
  let burst: ArrivalModel['burst'];
  for (const part of text.split(',')) {
    const [key, value, ...rest] = part.split('=');
    if (value === undefined || rest.length > 0) throw bad();
    if (key!.trim() === 'rate' && ratePerHour === undefined) {
      ratePerHour = parseRatePerHour(value);
      if (ratePerHour === undefined) throw bad();
    } else if (key!.trim() === 'burst' && burst === undefined) {
      const match = /^\s*([0-9]+)\s*@\s*([^×x]+?)\s*(?:[×x]\s*([0-9]+))?\s*$/.exec(value);
      const executions = match ? Number(match[1]) : 0;
      const everyMs = match ? parseIntervalMs(match[2]!) : undefined;
      const count = match?.[3] !== undefined ? Number(match[3]) : undefined;
      if (!(executions >= 1) || !(everyMs! > 0) || (count !== undefined && !(count >= 1))) throw bad();
      burst = { executions, everyMs: everyMs!, ...(count !== undefined ? { count } : {}) };
    } else {
      throw bad();
    }
  }
  if (!burst && !(ratePerHour! > 0)) throw bad();
  return burst ? { ratePerHour: ratePerHour ?? 0, burst } : { ratePerHour: ratePerHour! };
}
