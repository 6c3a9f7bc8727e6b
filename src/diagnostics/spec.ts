// Diagnostics for app.yaml: codes DAGC0001–DAGC0049. Each factory says what is
// wrong and how to fix it; codes are stable (tests and users match on them).
import { makeDiagnostic, type Diagnostic, type SourcePosition } from './diagnostic.ts';

export const specDiagnostics = {
  fileNotFound: (file: string): Diagnostic =>
    makeDiagnostic('DAGC0001', `cannot read ${file}: no such file`, 'check the path; dagc takes the app.yaml of a workflow', undefined),
  yamlSyntax: (position: SourcePosition, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0002', `YAML syntax error: ${detail}`, 'fix the YAML at this position (indentation, quoting, a missing colon)', position),
  duplicateKey: (position: SourcePosition, key: string): Diagnostic =>
    makeDiagnostic('DAGC0003', `duplicate name '${key}'`, 'every function and step needs a unique name; rename or merge one of them', position),
  notAMapping: (position: SourcePosition): Diagnostic =>
    makeDiagnostic('DAGC0004', 'an app spec must be a YAML mapping with name, functions and steps', 'start from the example in README.md', position),
  unknownKey: (position: SourcePosition, key: string, where: string, allowed: string[]): Diagnostic =>
    makeDiagnostic('DAGC0005', `unknown key '${key}' in ${where}`, suggest(key, allowed), position),
  missingKey: (position: SourcePosition, key: string, where: string): Diagnostic =>
    makeDiagnostic('DAGC0006', `${where} is missing '${key}'`, `add '${key}:' to ${where}`, position),
  wrongType: (position: SourcePosition, where: string, expected: string): Diagnostic =>
    makeDiagnostic('DAGC0007', `${where} must be ${expected}`, `write ${where} as ${expected}`, position),
  badSize: (position: SourcePosition, where: string, text: string): Diagnostic =>
    makeDiagnostic('DAGC0008', `${where}: cannot read '${text}' as a data size`, 'write a number and a unit: 512B, 20KB, 1.5MB, 1GB', position),
  badDuration: (position: SourcePosition, where: string, text: string): Diagnostic =>
    makeDiagnostic('DAGC0009', `${where}: cannot read '${text}' as a duration`, 'write a number and a unit: 350ms, 2s, 1.5s, 5m', position),
  outOfRange: (position: SourcePosition, where: string, detail: string, hint: string): Diagnostic =>
    makeDiagnostic('DAGC0010', `${where} ${detail}`, hint, position),
  badName: (position: SourcePosition, name: string): Diagnostic =>
    makeDiagnostic('DAGC0011', `'${name}' is not a valid name`, 'use a letter, then letters, digits, - or _ (at most 64 characters)', position),
  unknownFunction: (position: SourcePosition, step: string, fn: string, known: string[]): Diagnostic =>
    makeDiagnostic('DAGC0012', `step '${step}' runs function '${fn}', which is not declared under functions`, suggest(fn, known, `declare '${fn}' under functions`), position),
  unknownNeed: (position: SourcePosition, step: string, need: string, known: string[]): Diagnostic =>
    makeDiagnostic('DAGC0013', `step '${step}' needs '${need}', which is not a step`, suggest(need, known, `remove '${need}' from needs or declare that step`), position),
  cycle: (position: SourcePosition, cycle: string[]): Diagnostic =>
    makeDiagnostic('DAGC0014', `steps form a cycle: ${[...cycle, cycle[0]].join(' needs ')}`, 'a workflow is a DAG: remove one of these needs', position),
  unreachable: (position: SourcePosition, step: string, why: string): Diagnostic =>
    makeDiagnostic('DAGC0015', `step '${step}' can never run: ${why}`, 'connect it to the workflow or delete it', position),
  probabilitiesSum: (position: SourcePosition, step: string, sum: number): Diagnostic =>
    makeDiagnostic('DAGC0016', `the branch probabilities of '${step}' sum to ${round(sum)}, not 1`, 'make the probabilities add up to exactly 1', position),
  branchNotAStep: (position: SourcePosition, step: string, branch: string, known: string[]): Diagnostic =>
    makeDiagnostic('DAGC0017', `choice '${step}' has branch '${branch}', which is not a step`, suggest(branch, known, `declare step '${branch}' with needs: [${step}]`), position),
  branchDoesNotNeedChoice: (position: SourcePosition, choice: string, branch: string): Diagnostic =>
    makeDiagnostic('DAGC0018', `branch '${branch}' of choice '${choice}' does not need '${choice}'`, `add '${choice}' to the needs of '${branch}'`, position),
  fileMissing: (position: SourcePosition, what: string, file: string): Diagnostic =>
    makeDiagnostic('DAGC0019', `${what} file ${file} does not exist`, 'the path is relative to app.yaml; fix it or create the file', position),
  stepKind: (position: SourcePosition, step: string, detail: string, hint: string): Diagnostic =>
    makeDiagnostic('DAGC0020', `step '${step}' ${detail}`, hint, position),
  badWidth: (position: SourcePosition, step: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0021', `map width of '${step}': ${detail}`, 'a width is a whole number, { min, max }, or { values, probabilities } of equal length summing to 1', position),
  sloPercentiles: (position: SourcePosition, given: string[]): Diagnostic =>
    makeDiagnostic('DAGC0022', `slo names ${given.length} percentiles (${given.join(', ')}); dagc optimizes against one`, 'keep one, e.g. slo: { p95: 2s }', position),
  badSloFlag: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0023', `--slo '${text}' is not an SLO`, 'write a percentile and a duration: --slo p95=2s (p50, p90, p95, p99)', undefined),
  unusedFunction: (position: SourcePosition, fn: string): Diagnostic =>
    makeDiagnostic('DAGC0024', `function '${fn}' is declared but no step runs it`, 'delete it, or add a step that runs it', position, 'warning'),
  noArrivals: (position: SourcePosition | undefined, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0026', `arrivals ${detail}`, 'give a rate above zero (rate: 60/h), or bursts at a positive interval (burst: { executions: 30, every: 1h })', position),
  badArrivalsFlag: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0027', `--arrivals '${text}' is not an arrival model`, 'write rate=60/h, burst=30@1h (30 executions at once every hour), burst=30@1m×5 (5 such bursts after an idle start), or both joined by a comma', undefined),
  burstCountIgnored: (position: SourcePosition | undefined, everyText: string, lifetimeMs: number): Diagnostic =>
    makeDiagnostic(
      'DAGC0028',
      `burst count changes nothing: bursts every ${everyText} come further apart than the ${lifetimeMs / 60_000} min an idle Lambda environment lives, so every burst starts cold`,
      'delete count, or bring the bursts closer together',
      position,
      'warning',
    ),
  invalidValue: (position: SourcePosition, where: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0025', `${where} ${detail}`, 'see the app spec schema (src/spec/app.schema.json) for what is allowed', position),
};

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** "did you mean" by edit distance, else the fallback hint (or the allowed list). */
export function suggest(word: string, candidates: readonly string[], fallback?: string): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of [...candidates].sort()) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3))) return `did you mean '${best}'?`;
  if (fallback) return fallback;
  return candidates.length > 0 ? `allowed here: ${[...candidates].sort().join(', ')}` : 'remove it';
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}
