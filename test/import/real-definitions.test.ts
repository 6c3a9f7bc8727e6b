// Every real Step Functions definition in test/import/data/asl (see its
// README for provenance) imports into an app.yaml that validates and keeps
// the definition's structure, or fails with positioned diagnostics; and no
// damaged variant of any of them makes the importer throw anything but a
// DagcUserError.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { aslShape, formatShape, irShape } from '../../src/import/asl-structure.ts';
import { renderAppYaml } from '../../src/import/app-yaml-writer.ts';
import { importAslText } from '../../src/import/import-asl.ts';
import { formatJsonPath } from '../../src/import/json-path.ts';
import { structureCheck } from '../../src/import/structure-check.ts';
import { importForTest } from '../helpers/import-app.ts';

const dataDir = fileURLToPath(new URL('./data/asl/', import.meta.url));
const files = readdirSync(dataDir).filter((f) => f.endsWith('.json')).sort();
/** The two samples that run no Task state at all (only Pass, Wait, Choice, Fail). */
const WITHOUT_TASKS = new Set(['either-or-parallel-pattern.asl.json', 'path-based-on-data.asl.json']);

describe('dagc import on the real definitions of aws-samples/step-functions-workflows-collection', () => {
  it('has all 33 files', () => assert.equal(files.length, 33));

  for (const file of files) {
    const text = readFileSync(path.join(dataDir, file), 'utf8');
    if (WITHOUT_TASKS.has(file)) {
      it(`${file}: refuses with DAGC0544 at StartAt, since no Task state runs`, () => {
        assert.throws(
          () => importAslText(text, file),
          (error: unknown) => isUserError(error) && error.diagnostics.some((d) => d.code === 'DAGC0544' && d.severity === 'error' && d.position?.file === file && d.position.line > 0),
        );
      });
      continue;
    }
    it(`${file}: imports into a valid app.yaml with the same structure, every Task a step or reported`, () => {
      const imported = importForTest(text, file);
      // No Task is lost silently: each is a step, or inside a state reported as off the main path.
      const stepPaths = new Set(imported.app.steps.map((s) => formatJsonPath(s.statePath)));
      const offPath = imported.app.diagnostics.filter((d) => d.code === 'DAGC0563').map((d) => d.message.split(' is not part of the app')[0]!);
      for (const taskPath of taskPaths(JSON.parse(text), [])) {
        assert.ok(stepPaths.has(taskPath) || offPath.some((p) => taskPath.startsWith(p)), `${taskPath} is neither a step nor reported`);
      }
      const fromAsl = formatShape(aslShape(JSON.parse(text)));
      const fromIr = irShape(imported.ir, imported.stateOf);
      assert.ok(fromIr, 'the imported app decomposes as series-parallel');
      assert.equal(formatShape(fromIr), fromAsl);
      for (const d of imported.app.diagnostics) {
        assert.equal(d.severity, 'warning');
        assert.ok(d.position && d.position.file === file && d.position.line >= 1, `${d.code} is positioned`);
        assert.match(d.message, /\$/, `${d.code} names a JSON path`);
        assert.ok(d.hint && d.hint.length > 10, `${d.code} says what to do`);
      }
    });
  }

  it('writes the same bytes when the same definition is imported twice', () => {
    for (const file of files.filter((f) => !WITHOUT_TASKS.has(f))) {
      const text = readFileSync(path.join(dataDir, file), 'utf8');
      assert.equal(renderAppYaml(importAslText(text, file)), renderAppYaml(importAslText(text, file)), file);
    }
  });

  it('never throws anything but a user error on damaged variants of the real definitions; what it writes validates and its structure check runs', () => {
    const definitions = files.map((f) => JSON.parse(readFileSync(path.join(dataDir, f), 'utf8')) as unknown);
    const junk = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.constant([]), fc.constant({}), fc.constant(true), fc.string().map((s) => ({ Type: s })));
    const property = fc.property(fc.nat(files.length - 1), fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constant('delete'), fc.constant('retarget'), junk)), { minLength: 1, maxLength: 4 }), (index, edits) => {
      const definition = structuredClone(definitions[index]);
      for (const [pick, edit] of edits) damage(definition, pick, edit);
      let app;
      try {
        app = importAslText(JSON.stringify(definition), 'fuzz.asl.json');
      } catch (error) {
        if (isUserError(error)) return;
        throw error;
      }
      const imported = importForTest(JSON.stringify(definition), 'fuzz.asl.json');
      assert.ok(app.steps.length > 0);
      const changed = structureCheck(imported.app, imported.ir);
      if (changed) assert.equal(changed.code, 'DAGC0566');
    });
    fc.assert(property, { seed: 24, numRuns: 300 });
  });

  it('reports a syntax error with its line and column for any truncation of a real definition', () => {
    const text = readFileSync(path.join(dataDir, 'image-processing-app.asl.json'), 'utf8');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: text.trimEnd().length - 1 }), (cut) => {
        try {
          importAslText(text.slice(0, cut), 'cut.asl.json');
          assert.fail('a truncated definition imported');
        } catch (error) {
          assert.ok(isUserError(error), String(error));
          const [first] = error.diagnostics;
          assert.equal(first!.code, 'DAGC0541');
          assert.ok(first!.position!.line >= 1 && first!.position!.column >= 1);
        }
      }),
      { seed: 24, numRuns: 100 },
    );
  });
});

/** JSON paths of every Task state, at any depth. */
function taskPaths(value: unknown, at: Array<string | number>): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => taskPaths(v, [...at, i]));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = record.Type === 'Task' && at[at.length - 2] === 'States' ? [formatJsonPath(at)] : [];
  return [...own, ...Object.entries(record).flatMap(([k, v]) => taskPaths(v, [...at, k]))];
}

/** Applies one edit at the pick-th object or array member in document order: delete it, point a Next elsewhere, or replace it. */
function damage(root: unknown, pick: number, edit: unknown): void {
  const slots: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach((child, i) => (slots.push({ parent: node, key: i }), visit(child)));
    else if (node !== null && typeof node === 'object') for (const [k, child] of Object.entries(node)) (slots.push({ parent: node as Record<string, unknown>, key: k }), visit(child));
  };
  visit(root);
  if (slots.length === 0) return;
  const { parent, key } = slots[pick % slots.length]!;
  if (edit === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (edit === 'retarget') {
    const names = slots.filter((s) => !Array.isArray(s.parent) && s.key !== 'States' && typeof s.key === 'string').map((s) => s.key as string);
    (parent as Record<string | number, unknown>)[key] = names[pick % names.length] ?? 'Nowhere';
  } else {
    (parent as Record<string | number, unknown>)[key] = edit;
  }
}
