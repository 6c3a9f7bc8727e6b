// Imports an ASL definition (text or object) into a temporary app.yaml and
// loads it back through the same loader as `dagc validate`, for tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderAppYaml } from '../../src/import/app-yaml-writer.ts';
import { importAslText } from '../../src/import/import-asl.ts';
import type { ImportedApp } from '../../src/import/imported-app.ts';
import { loadApp } from '../../src/ir/load-app.ts';
import type { IR } from '../../src/ir/types.ts';

export interface ImportedForTest {
  app: ImportedApp;
  yaml: string;
  file: string;
  ir: IR;
  /** Step id → the ASL state name it stands for. */
  stateOf: (stepId: string) => string;
}

export function importForTest(definition: string | object, displayName = 'test.asl.json'): ImportedForTest {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2);
  const app = importAslText(text, displayName);
  const yaml = renderAppYaml(app);
  const dir = mkdtempSync(path.join(tmpdir(), 'dagc-import-'));
  const file = path.join(dir, 'app.yaml');
  writeFileSync(file, yaml);
  const { ir } = loadApp(file);
  const names = new Map(app.steps.map((s) => [s.id, s.stateName]));
  return { app, yaml, file, ir, stateOf: (id) => names.get(id) ?? `?${id}` };
}

/** Codes of the diagnostics an import reported, sorted, with repeats. */
export function codesOf(app: ImportedApp): string[] {
  return app.diagnostics.map((d) => d.code).sort();
}
