// Platform model, profile and estimator diagnostics: codes DAGC0100–DAGC0149.
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';

export const modelDiagnostics = {
  profileUnreadable: (file: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0100', `cannot read profile ${file}: ${detail}`, 'regenerate it with `dagc profile`, or fix the JSON', undefined),
  profileInvalid: (file: string, jsonPath: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0101', `profile ${file} at ${jsonPath || '/'}: ${detail}`, 'the profile format is src/model/profile.schema.json; regenerate it with `dagc profile`', undefined),
  profileNameMismatch: (file: string, inFile: string, expected: string): Diagnostic =>
    makeDiagnostic('DAGC0102', `profile ${file} is for function '${inFile}', not '${expected}'`, `rename the file or set "function": "${expected}"`, undefined),
  memoryBelowFootprint: (fn: string, memoryMb: number, footprintMb: number): Diagnostic =>
    makeDiagnostic('DAGC0103', `function '${fn}' at ${memoryMb} MB is below its measured footprint of ${footprintMb} MB`, `give it at least ${Math.ceil(footprintMb)} MB; it would run out of memory`, undefined),
  noProfileForArchitecture: (fn: string, architecture: string): Diagnostic =>
    makeDiagnostic('DAGC0104', `function '${fn}' has no profile on ${architecture}`, `profile it on ${architecture}, or deploy it on an architecture it was profiled on`, undefined),
  badMemoryFlag: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0105', `'${text}' is not a function of the app with a memory size (fn=MB) or an architecture (fn=x86_64|arm64)`, 'write --memory encode=1769,split=512 or --arch encode=arm64', undefined),
};
