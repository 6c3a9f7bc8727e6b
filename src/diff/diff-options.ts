// The options of `dagc diff` as typed, checked all at once: every bad flag is
// reported in one run (each a DAGC05xx diagnostic naming the flag, what is
// wrong and a valid example), as dagc validate does for a spec.
import { DagcUserError, isUserError, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.ts';
import { diffDiagnostics } from '../diagnostics/diff.ts';
import { parseCostLimit, parseP95Limit, type GateLimits } from './gate-limits.ts';

export type DiffFormat = 'text' | 'markdown' | 'json';

export interface RawDiffOptions {
  maxCostIncrease?: string;
  maxP95Increase?: string;
  format?: string;
  json?: boolean;
}

export interface DiffOptions {
  limits: GateLimits;
  format: DiffFormat;
}

const FORMATS: Record<string, DiffFormat> = { text: 'text', markdown: 'markdown', md: 'markdown', json: 'json' };

/** positionOf(flag): where the flag's value is on the command line, when known. */
export function parseDiffOptions(raw: RawDiffOptions, positionOf: (flag: string) => SourcePosition | undefined = () => undefined): DiffOptions {
  const problems: Diagnostic[] = [];
  const attempt = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!isUserError(error)) throw error;
      problems.push(...error.diagnostics);
      return undefined;
    }
  };
  const limits: GateLimits = {};
  if (raw.maxCostIncrease !== undefined) {
    const limit = attempt(() => parseCostLimit(raw.maxCostIncrease!, positionOf('--max-cost-increase')));
    if (limit) limits.maxCostIncrease = limit;
  }
  if (raw.maxP95Increase !== undefined) {
    const limit = attempt(() => parseP95Limit(raw.maxP95Increase!, positionOf('--max-p95-increase')));
    if (limit) limits.maxP95Increase = limit;
  }
  let format: DiffFormat = raw.json ? 'json' : 'text';
  if (raw.format !== undefined) {
    const named = FORMATS[raw.format.trim().toLowerCase()];
    if (!named) problems.push(diffDiagnostics.badFormat(raw.format, positionOf('--format')));
    else if (raw.json && named !== 'json') problems.push(diffDiagnostics.conflictingFormats(raw.format, positionOf('--format')));
    else format = named;
  }
  if (problems.length > 0) throw new DagcUserError(problems);
  return { limits, format };
}
