// Checks an emitted definition with the asl-validator package (the ASL JSON
// Schema plus reachability, dangling Next, duplicate names, path syntax).
// dagc runs it on every definition it writes, inside `dagc optimize` and
// `dagc emit`: an invalid definition is a dagc bug and fails loudly
// (DAGC0421) rather than reaching a deploy.
import aslValidator from 'asl-validator';
import { DagcUserError } from '../../diagnostics/diagnostic.ts';
import { codegenDiagnostics } from '../../diagnostics/codegen.ts';

export function aslProblems(definition: unknown): string[] {
  // The validator adds QueryLanguage to every state of what it is given: hand it a copy.
  const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
  return result.isValid ? [] : result.errors.map((e) => `${e['Error code']}: ${e.Message}${e.path ? ` at ${e.path}` : ''}`);
}

export function assertValidAsl(definition: unknown, file: string): void {
  const problems = aslProblems(definition);
  if (problems.length > 0) throw new DagcUserError([codegenDiagnostics.invalidDefinition(file, problems.join('; '))]);
}
