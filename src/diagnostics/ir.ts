// IR invariant violations: codes DAGC0030–DAGC0049. After parsing these mean
// the spec checks missed something (a bug); after a pass, that the pass broke
// the IR. They carry the step or function they are about.
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';

const BUG_HINT = 'this is a dagc bug if the spec validated; please report it with the app.yaml';

export const irDiagnostics = {
  cyclic: (cycle: string[]): Diagnostic => makeDiagnostic('DAGC0030', `IR has a cycle: ${cycle.join(' → ')}`, BUG_HINT, undefined),
  empty: (): Diagnostic => makeDiagnostic('DAGC0031', 'IR has no steps', BUG_HINT, undefined),
  danglingNode: (id: string): Diagnostic => makeDiagnostic('DAGC0032', `IR node '${id}' has no step label (an edge points at a missing step)`, BUG_HINT, undefined),
  idMismatch: (key: string, id: string): Diagnostic => makeDiagnostic('DAGC0033', `IR node '${key}' carries id '${id}'`, BUG_HINT, undefined),
  unknownFunction: (step: string, fn: string): Diagnostic => makeDiagnostic('DAGC0034', `step '${step}' runs unknown function '${fn}'`, BUG_HINT, undefined),
  badWidth: (step: string, detail: string): Diagnostic => makeDiagnostic('DAGC0035', `map '${step}' has an invalid width: ${detail}`, BUG_HINT, undefined),
  badChoice: (step: string, detail: string): Diagnostic => makeDiagnostic('DAGC0036', `choice '${step}': ${detail}`, BUG_HINT, undefined),
  badUnits: (where: string, detail: string): Diagnostic => makeDiagnostic('DAGC0037', `${where}: ${detail}`, BUG_HINT, undefined),
};
