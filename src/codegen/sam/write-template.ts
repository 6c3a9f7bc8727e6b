// Writes plans/<app>/template.yaml from the plan in that folder, after the
// offline check (check-template.ts) has passed on the exact bytes written: a
// template dagc emits that CloudFormation would reject is a dagc bug, so it
// fails loudly here rather than at deploy time. When the folder already holds
// statemachine.asl.json (the ASL emitter runs first in `dagc emit`), its
// placeholders must match the template's substitutions one for one
// (check-substitutions.ts). `dagc emit` and `npm run plans` call this.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Deployment } from '../../ir/deployment.ts';
import type { IR } from '../../ir/types.ts';
import { loadPlannedApp } from '../plan-deployment.ts';
import { parseTemplateDocument } from './cfn-tags.ts';
import { checkTemplateText } from './check-template.ts';
import { substitutionProblems } from './check-substitutions.ts';
import { renderTemplate, TEMPLATE_FILE } from './render-template.ts';
import { DEFINITION_FILE } from './state-machine-resource.ts';

/** The template's bytes, checked; throws (a bug, with every problem listed) when the check fails. */
export function renderCheckedTemplate(ir: IR, deployment: Deployment, file = TEMPLATE_FILE): string {
  const text = renderTemplate(ir, deployment);
  const problems = checkTemplateText(text, file);
  if (problems.length > 0) throw new Error(`dagc emitted a template that fails the offline check (a dagc bug):\n${problems.map(formatDiagnostic).join('\n')}`);
  return text;
}

/** Renders, checks and writes template.yaml into a plan folder; returns the file written. */
export function writeTemplate(planDir: string): string {
  const { ir, deployment } = loadPlannedApp(planDir);
  const file = path.join(planDir, TEMPLATE_FILE);
  const text = renderCheckedTemplate(ir, deployment, file);
  const definitionFile = path.join(planDir, DEFINITION_FILE);
  if (existsSync(definitionFile)) {
    const problems = substitutionProblems(readFileSync(definitionFile, 'utf8'), definitionFile, parseTemplateDocument(text).toJS(), file);
    if (problems.length > 0) throw new Error(`dagc emitted a template and a state machine that disagree (a dagc bug):\n${problems.map(formatDiagnostic).join('\n')}`);
  }
  writeFileSync(file, text);
  return file;
}
