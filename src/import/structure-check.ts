// After an import, the app (as loaded back into the IR) must have the
// definition's structure over its Task states (asl-structure.ts). It does
// for every structured definition; a Choice branch that jumps into the middle
// of another branch cannot be one dagc choice, so the app keeps the
// dependencies and runs a little more than the definition would. This check
// tells the user when that happened instead of leaving it silent.
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { importDiagnostics } from '../diagnostics/import.ts';
import type { IR } from '../ir/types.ts';
import { aslShape, formatShape, irShape } from './asl-structure.ts';
import type { ImportedApp } from './imported-app.ts';

const SHOWN_CHARACTERS = 300;
/** The shapes grow as 2^choices in a row (asl-structure.ts canonical form); past this many Choice states the check is skipped. */
const MAX_CHOICES_CHECKED = 12;

export function structureCheck(app: ImportedApp, ir: IR): Diagnostic | undefined {
  if (countChoices(app.definition) > MAX_CHOICES_CHECKED) return undefined;
  const names = new Map(app.steps.map((s) => [s.id, s.stateName]));
  const fromAsl = formatShape(aslShape(app.definition));
  const fromApp = irShape(ir, (id) => names.get(id) ?? id);
  if (fromApp === undefined) {
    return importDiagnostics.structureChanged(app.startPosition, `the app is not series-parallel (definition: ${cut(fromAsl)}); dagc optimize restructures it, which can lengthen the critical path`);
  }
  const appText = formatShape(fromApp);
  if (appText === fromAsl) return undefined;
  return importDiagnostics.structureChanged(app.startPosition, `definition ${cut(fromAsl)}, app ${cut(appText)}`);
}

function cut(text: string): string {
  return text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}…` : text;
}

function countChoices(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + countChoices(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  const record = value as Record<string, unknown>;
  return (record.Type === 'Choice' ? 1 : 0) + Object.values(record).reduce((sum: number, v) => sum + countChoices(v), 0);
}
