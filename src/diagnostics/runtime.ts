// Problems found while running a workflow's handlers (reference executor and,
// later, the plan runtime): codes DAGC0400–DAGC0419. They are the user's
// mistakes — a handler that breaks the data contract in docs/handler-contract.md —
// so they name the step and say how to fix the handler.
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';

export const runtimeDiagnostics = {
  noHandler: (fn: string): Diagnostic =>
    makeDiagnostic('DAGC0400', `function '${fn}' has no handler, so it cannot be run locally`, `add handler: handlers/${fn}.mjs to function '${fn}' in app.yaml`, undefined),
  handlerNotExported: (fn: string, file: string): Diagnostic =>
    makeDiagnostic('DAGC0401', `handler module of '${fn}' (${file}) does not export an async function 'handler'`, 'write `export async function handler(event, context) { … }` in that module', undefined),
  mapWithoutItems: (step: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0402', `map step '${step}' has no items to fan out over: ${detail}`, 'make the step it needs return { items: [...] } (see docs/handler-contract.md)', undefined),
  notSerializable: (step: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0403', `step '${step}' returned a value that is not JSON: ${detail}`, 'return plain objects, arrays, strings, finite numbers, booleans or null', undefined),
  handlerFailed: (step: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0404', `step '${step}' failed: ${detail}`, 'fix the handler, or the event it was given (run it alone on its events/*.json)', undefined),
};
