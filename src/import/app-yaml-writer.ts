// Writes an imported app as app.yaml text: one line per function and per
// step (flow mappings, as in fixtures/*/app.yaml), each with a comment naming
// what it came from, since spec identifiers cannot hold most state names.
// Text is built by hand so that the bytes are deterministic and the comments
// sit where a reader looks; every value written is an identifier, a number or
// a JSON-quoted string (valid YAML).
import type { ImportedApp, ImportedStep } from './imported-app.ts';
import { formatJsonPath } from './json-path.ts';

/** The first line of every app.yaml dagc import writes: how the command knows it may replace a file. */
export const IMPORT_HEADER = '# Imported by dagc import.';

/** A pinned function: a service call dagc cannot size (DAGC0557). */
const PINNED_MEMORY_MB = 128;

export function renderAppYaml(app: ImportedApp): string {
  const lines = [
    `${IMPORT_HEADER} Every function is profile-only (no handler): give each a profile`,
    `# (dagc profile app.yaml --from-logs ...) before dagc optimize. Comments name the ASL state or`,
    `# resource each entry came from; dagc import printed what it could not carry (docs/import.md).`,
    `name: ${app.name}`,
    `description: ${quote(app.description)}`,
  ];
  if (app.region) lines.push(`region: ${app.region}`);
  lines.push('functions:');
  const fnWidth = Math.max(...app.functions.map((f) => f.key.length));
  for (const fn of app.functions) {
    const body = fn.pinned ? `{ memory: ${PINNED_MEMORY_MB}, minMemory: ${PINNED_MEMORY_MB}, maxMemory: ${PINNED_MEMORY_MB} }` : '{}';
    lines.push(`  ${`${fn.key}:`.padEnd(fnWidth + 1)} ${body}  # ${safeComment(fn.pinned ? `${fn.origin} (not a Lambda: pinned)` : fn.origin)}`);
  }
  lines.push('steps:');
  const stepWidth = Math.max(...app.steps.map((s) => s.id.length));
  for (const step of app.steps) {
    lines.push(`  ${`${step.id}:`.padEnd(stepWidth + 1)} ${stepBody(step)}  # ${safeComment(`${quote(step.stateName)} at ${formatJsonPath(step.statePath)}`)}`);
  }
  return `${lines.join('\n')}\n`;
}

function stepBody(step: ImportedStep): string {
  const parts: string[] = [];
  if (step.function !== undefined) parts.push(`function: ${step.function}`);
  if (step.choice) parts.push(`choice: { ${Object.entries(step.choice).map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
  if (step.needs.length > 0) parts.push(`needs: [${step.needs.join(', ')}]`);
  if (step.map) parts.push(`map: { width: ${step.map.width}${step.map.maxConcurrency > 0 ? `, maxConcurrency: ${step.map.maxConcurrency}` : ''} }`);
  return `{ ${parts.join(', ')} }`;
}

/** JSON string syntax is valid YAML double-quoted; line and paragraph separators are escaped too. */
function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A comment must stay on its line. */
function safeComment(text: string): string {
  return text.replace(/[\r\n\u0085\u2028\u2029]/g, ' ');
}
