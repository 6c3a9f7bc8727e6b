// Recognising CloudFormation intrinsic functions in a parsed template, in
// both forms: the short YAML tags (cfn-tags.ts classes) and the long forms
// (`Ref:`, `Fn::GetAtt:`, `Fn::Sub:`, any other `Fn::…`). The check treats an
// intrinsic as a value of any type (its result is known only at deploy time)
// and checks the names it refers to.
import { GetAtt, Ref, Sub } from './cfn-tags.ts';

export type TemplatePath = (string | number)[];

export type Reference =
  | { kind: 'ref'; name: string; path: TemplatePath }
  | { kind: 'getatt'; resource: string; attribute: string; path: TemplatePath }
  | { kind: 'sub'; variable: string; path: TemplatePath };

export function isIntrinsic(value: unknown): boolean {
  if (value instanceof Ref || value instanceof GetAtt || value instanceof Sub) return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::') || keys[0] === 'Condition');
}

/** Every reference in a value, with the path where it occurs (prefix + the path inside the value). */
export function referencesIn(value: unknown, path: TemplatePath): Reference[] {
  const found: Reference[] = [];
  walk(value, path, found);
  return found;
}

function walk(value: unknown, path: TemplatePath, found: Reference[]): void {
  if (value instanceof Ref) {
    found.push({ kind: 'ref', name: value.name, path });
  } else if (value instanceof GetAtt) {
    found.push({ kind: 'getatt', resource: value.resource, attribute: value.attribute, path });
  } else if (value instanceof Sub) {
    subReferences(value.template, value.variables, path, found);
    walk(value.variables, path, found);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, [...path, index], found));
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === 'Ref' && typeof record.Ref === 'string') {
      found.push({ kind: 'ref', name: record.Ref, path });
      return;
    }
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const target = record['Fn::GetAtt'];
      const parts = Array.isArray(target) ? target.map(String) : String(target).split(/\.(.*)/s, 2);
      found.push({ kind: 'getatt', resource: parts[0] ?? '', attribute: parts.slice(1).join('.'), path });
      return;
    }
    if (keys.length === 1 && keys[0] === 'Fn::Sub') {
      const sub = record['Fn::Sub'];
      const [template, variables] = Array.isArray(sub) ? [String(sub[0]), (sub[1] ?? {}) as Record<string, unknown>] : [String(sub), {}];
      subReferences(template, variables, path, found);
      walk(variables, path, found);
      return;
    }
    for (const key of keys) walk(record[key], [...path, key], found);
  }
}

function subReferences(template: string, variables: Record<string, unknown>, path: TemplatePath, found: Reference[]): void {
  for (const match of template.matchAll(/\$\{([^}]*)\}/g)) {
    const name = match[1]!;
    if (name.startsWith('!') || name in variables) continue;
    found.push({ kind: 'sub', variable: name, path });
  }
}

/** The path as people write it: Resources.FnA.Properties.Policies[0]. */
export function formatPath(path: TemplatePath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}
