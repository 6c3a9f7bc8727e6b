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

export function structureCheck(app: ImportedApp, ir: IR): Diagnostic | undefined {
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
