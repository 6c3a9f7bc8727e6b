// Checks a resource's Properties against its type in the resource
// specification, recursively: every property known, every required one
// present, every value of the stated type (a string, a number, a list of
// some shape, a nested structure with its own properties). An intrinsic
// function stands for a value of any type. A union is satisfied by any of its
// members; when none fits, the problems of the closest member are reported.
// Scalars are read as CloudFormation does: a string property takes numbers
// and booleans too, a number or boolean may be written as a string.
import { isIntrinsic, type TemplatePath } from './intrinsics.ts';
import type { ResourceSpec, SpecProperty, SpecType } from './resource-spec.ts';

export type PropertyProblem =
  | { kind: 'unknown'; path: TemplatePath; property: string; owner: string }
  | { kind: 'missing'; path: TemplatePath; property: string; owner: string }
  | { kind: 'type'; path: TemplatePath; expected: string };

export function checkProperties(
  spec: ResourceSpec,
  properties: Record<string, SpecProperty>,
  owner: string,
  value: unknown,
  path: TemplatePath,
): PropertyProblem[] {
  if (isIntrinsic(value)) return [];
  if (!isRecord(value)) return [{ kind: 'type', path, expected: `an object (${owner})` }];
  const problems: PropertyProblem[] = [];
  for (const key of Object.keys(value)) {
    const property = properties[key];
    if (!property) problems.push({ kind: 'unknown', path: [...path, key], property: key, owner });
    else problems.push(...checkValue(spec, property.type, value[key], [...path, key]));
  }
  for (const name of Object.keys(properties).sort()) {
    if (properties[name]!.required && !(name in value)) problems.push({ kind: 'missing', path, property: name, owner });
  }
  return problems;
}

export function checkValue(spec: ResourceSpec, type: SpecType, value: unknown, path: TemplatePath): PropertyProblem[] {
  if (isIntrinsic(value)) return [];
  switch (type.type) {
    case 'json':
      return [];
    case 'string':
    case 'date-time':
      return ['string', 'number', 'boolean'].includes(typeof value) ? [] : [{ kind: 'type', path, expected: 'a string' }];
    case 'number':
    case 'integer':
      return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        ? []
        : [{ kind: 'type', path, expected: type.type === 'integer' ? 'an integer' : 'a number' }];
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false' ? [] : [{ kind: 'type', path, expected: 'a boolean' }];
    case 'tag':
      return isRecord(value) && 'Key' in value && 'Value' in value ? [] : [{ kind: 'type', path, expected: 'a tag {Key, Value}' }];
    case 'null':
      return value === null ? [] : [{ kind: 'type', path, expected: 'null' }];
    case 'array':
      if (!Array.isArray(value)) return [{ kind: 'type', path, expected: 'a list' }];
      return value.flatMap((item, index) => checkValue(spec, type.element, item, [...path, index]));
    case 'map':
      if (!isRecord(value)) return [{ kind: 'type', path, expected: 'a mapping' }];
      return Object.keys(value).flatMap((key) => checkValue(spec, type.element, value[key], [...path, key]));
    case 'ref': {
      const shape = spec.shape(type.reference.$ref);
      return shape ? checkProperties(spec, shape.properties, shape.name, value, path) : [];
    }
    case 'union': {
      let best: PropertyProblem[] | undefined;
      for (const member of type.types) {
        const problems = checkValue(spec, member, value, path);
        if (problems.length === 0) return [];
        if (!best || problems.length < best.length) best = problems;
      }
      return best ?? [];
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
