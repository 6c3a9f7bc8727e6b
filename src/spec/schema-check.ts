// Validates the parsed YAML against app.schema.json (ajv, all errors) and turns
// each schema error into a positioned diagnostic in the user's terms.
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { specDiagnostics } from '../diagnostics/spec.ts';
import type { SourceMap } from './source-map.ts';
import { appMemoryGridProblems } from './memory-grid-check.ts';

const require = createRequire(import.meta.url);
export const appSchema = require('./app.schema.json') as Record<string, unknown>;

const validate = new Ajv({ allErrors: true, verbose: true, strict: true }).compile(appSchema);

export function checkSchema(value: unknown, sourceMap: SourceMap): Diagnostic[] {
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const oneOfPaths = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  // memoryGrid values get their own precise messages (memory-grid-check.ts), not the schema's.
  const diagnostics: Diagnostic[] = isRecord(value) ? appMemoryGridProblems(value, sourceMap) : [];
  for (const error of errors) {
    if (/^(\/functions\/[^/]+)?\/memoryGrid(\/|$)/.test(error.instancePath)) continue;
    // A failed oneOf reports every alternative's errors; one message for the whole value reads better.
    const underOneOf = oneOfPaths.some((p) => error.keyword !== 'oneOf' && (error.instancePath === p || error.instancePath.startsWith(`${p}/`)));
    if (underOneOf) continue;
    if (error.keyword === 'propertyNames') continue; // its inner error names the key
    diagnostics.push(toDiagnostic(error, value, sourceMap));
  }
  return dedupe(diagnostics);
}

function toDiagnostic(error: ErrorObject, root: unknown, sourceMap: SourceMap): Diagnostic {
  const path = pointerToPath(error.instancePath);
  const where = describe(path);
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    return specDiagnostics.badName(sourceMap.positionOf([...path, propertyName], { key: true }), propertyName);
  }
  const position = sourceMap.positionOf(path);
  const schemaRef = error.schemaPath;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return specDiagnostics.unknownKey(sourceMap.positionOf([...path, key], { key: true }), key, where || 'the app spec', allowed);
    }
    case 'required':
      return specDiagnostics.missingKey(position, String(error.params.missingProperty), where || 'the app spec');
    case 'type':
      return specDiagnostics.wrongType(position, where, article(String(error.params.type)));
    case 'pattern': {
      const text = String(valueAt(root, path));
      if (schemaRef.includes('/duration/')) return specDiagnostics.badDuration(position, where, text);
      if (schemaRef.includes('/size/')) return specDiagnostics.badSize(position, where, text);
      if (schemaRef.includes('/identifier/')) return specDiagnostics.badName(position, text);
      return specDiagnostics.invalidValue(position, where, `does not match ${String(error.params.pattern)}`);
    }
    case 'minimum':
    case 'maximum':
      if (schemaRef.includes('/memoryMb/')) {
        return specDiagnostics.outOfRange(position, where, `is ${String(valueAt(root, path))} MB; Lambda allows 128 to 10240 MB`, 'pick a memory size from 128 to 10240');
      }
      return specDiagnostics.outOfRange(position, where, `must be ${error.keyword === 'minimum' ? '≥' : '≤'} ${String(error.params.limit)}`, 'change the value');
    case 'enum':
      return specDiagnostics.invalidValue(position, where, `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`);
    case 'oneOf':
      if (path.at(-1) === 'width') return specDiagnostics.badWidth(position, String(path[1]), 'not a whole number ≥ 1, { min, max } or { values, probabilities }');
      return specDiagnostics.invalidValue(position, where, 'has a form that is not allowed here');
    default:
      return specDiagnostics.invalidValue(position, where, error.message ?? 'is not valid');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describe(path: string[]): string {
  if (path.length >= 2 && (path[0] === 'steps' || path[0] === 'functions')) {
    const rest = path.slice(2).join('.');
    const owner = `${path[0] === 'steps' ? 'step' : 'function'} '${path[1]}'`;
    return rest ? `${rest} of ${owner}` : owner;
  }
  return path.join('.');
}

function valueAt(root: unknown, path: string[]): unknown {
  let current = root;
  for (const segment of path) current = (current as Record<string, unknown> | undefined)?.[segment];
  return current;
}

function article(type: string): string {
  return ({ object: 'a mapping', array: 'a list', string: 'a string', integer: 'a whole number', number: 'a number' } as Record<string, string>)[type] ?? type;
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.code}|${d.position?.line}:${d.position?.column}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
