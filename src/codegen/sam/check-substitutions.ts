// The seam between the two emitters of a plan folder (CONTRACT-22): every
// `${Name}` placeholder in statemachine.asl.json must be filled by the
// template's DefinitionSubstitutions, and every substitution must be used.
// A placeholder left unfilled deploys a definition that names a resource
// `${FnXArn}` (the execution fails at that state); a substitution the ASL does
// not use means the two emitters disagree on which Lambdas or jobs exist.
import { sortDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { templateDiagnostics as d } from '../../diagnostics/template.ts';
import { isRecord } from './check-properties.ts';

/** Every `${Name}` in a definition's text, sorted. */
export function placeholdersIn(definitionText: string): string[] {
  return [...new Set([...definitionText.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))].sort();
}

/** The DefinitionSubstitutions keys of every state machine in a parsed template. */
export function substitutionKeys(template: unknown): string[] {
  const resources = isRecord(template) && isRecord(template.Resources) ? template.Resources : {};
  const keys = new Set<string>();
  for (const entry of Object.values(resources)) {
    if (!isRecord(entry) || !['AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine'].includes(String(entry.Type))) continue;
    const substitutions = isRecord(entry.Properties) ? entry.Properties.DefinitionSubstitutions : undefined;
    if (isRecord(substitutions)) for (const key of Object.keys(substitutions)) keys.add(key);
  }
  return [...keys].sort();
}

export function substitutionProblems(definitionText: string, definitionFile: string, template: unknown, templateFile: string): Diagnostic[] {
  const used = placeholdersIn(definitionText);
  const filled = substitutionKeys(template);
  const problems: Diagnostic[] = [];
  for (const name of used) if (!filled.includes(name)) problems.push(d.unfilledPlaceholder(definitionFile, name, templateFile));
  for (const name of filled) if (!used.includes(name)) problems.push(d.unusedSubstitution(templateFile, name, definitionFile));
  return sortDiagnostics(problems);
}
