// Which steps are a Choice's branches, decided once the whole DAG is built
// (see dag-builder.ts: what leaves a choice is tagged with its outcome). A
// step that needs the choice and nothing else is a branch; a step that also
// needs another step is a rejoin, so the outcome that led there ran no Task
// and is dropped (a dagc choice chooses between steps). A choice left with
// fewer than two branches dissolves: the builder runs again with it as a
// pass-through. Probabilities are the outcomes' shares, renormalized over the
// branches kept. O(choices × steps).
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.ts';
import { importDiagnostics } from '../diagnostics/import.ts';
import type { AslState } from './asl-scope.ts';
import type { ImportedStep } from './imported-app.ts';
import { formatJsonPath, type JsonPath } from './json-path.ts';

export interface ChoiceRecord {
  step: ImportedStep;
  state: AslState;
  shares: number[];
  given: boolean;
  problem?: string;
  /** Outcome index → its description (the state it goes to). */
  outcomeLabels: string[];
  /** Step id → outcomes that led to it. */
  reached: Map<string, Set<number>>;
  /** Inside a Map: drawn per item in ASL, per execution in dagc. */
  inMap: boolean;
}

/**
 * Decides each choice's branches (latest choice first, since dissolving one
 * changes its parent's heads): a step that needs the choice and nothing
 * else is a branch; a step that also needs another step is a rejoin, so the
 * outcome that led there is empty and the need is dropped.
 */
export function resolveChoices(choices: ChoiceRecord[], steps: Map<string, ImportedStep>, diagnostics: Diagnostic[], at: (path: JsonPath) => SourcePosition): Set<string> {
  const dissolved = new Set<string>();
  for (const record of [...choices].reverse()) {
    const { step } = record;
    const where = formatJsonPath(record.state.path);
    const heads: string[] = [];
    for (const other of steps.values()) {
      if (!other.needs.includes(step.id)) continue;
      if (other.needs.length > 1) other.needs = other.needs.filter((n) => n !== step.id);
      else heads.push(other.id);
    }
    if (heads.length < 2) {
      dissolved.add(where);
      continue;
    }
    if (record.inMap) diagnostics.push(importDiagnostics.choiceInMap(at(record.state.path), where));
    const used = new Set(heads.flatMap((h) => [...record.reached.get(h)!]));
    const empty = record.outcomeLabels.filter((_, i) => !used.has(i));
    if (empty.length > 0) diagnostics.push(importDiagnostics.emptyOutcome(at(record.state.path), where, empty));
    if (record.problem) diagnostics.push(importDiagnostics.badProbability(at(record.state.path), where, record.problem));
    else if (!record.given) diagnostics.push(importDiagnostics.equalProbabilities(at(record.state.path), where, step.id));
    step.choice = branchProbabilities(heads, (h) => [...record.reached.get(h)!].reduce((sum, i) => sum + record.shares[i]!, 0));
  }
  return dissolved;
}

/** Renormalized over the branches kept; the last takes the rounding remainder so they sum to exactly 1. */
function branchProbabilities(heads: string[], weight: (head: string) => number): Record<string, number> {
  const sorted = [...heads].sort();
  const weights = sorted.map(weight);
  const total = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (total > 0 ? w / total : 1 / sorted.length));
  const result: Record<string, number> = {};
  let sum = 0;
  sorted.forEach((head, i) => {
    const value = i === sorted.length - 1 ? Math.max(0, 1 - sum) : shares[i]!;
    result[head] = value;
    sum += value;
  });
  return result;
}
