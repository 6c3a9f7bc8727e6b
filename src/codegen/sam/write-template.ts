// Writes plans/<app>/template.yaml from the plan in that folder, after the
// offline check (check-template.ts) has passed on the exact bytes written: a
// template dagc emits that CloudFormation would reject is a dagc bug, so it
// fails loudly here rather than at deploy time. `dagc emit` and
// `npm run plans` call this.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Deployment } from '../../ir/deployment.ts';
import type { IR } from '../../ir/types.ts';
import { loadPlannedApp } from '../plan-deployment.ts';
import { checkTemplateText } from './check-template.ts';
import { renderTemplate, TEMPLATE_FILE } from './render-template.ts';

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
  writeFileSync(file, renderCheckedTemplate(ir, deployment, file));
  return file;
}
