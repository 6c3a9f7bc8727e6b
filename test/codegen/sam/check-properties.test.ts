// checkProperties / checkValue: the recursive property check of the offline template check, on
// types stated here (not the AWS database), so each rule is seen on its own: what a scalar of each
// type accepts (CloudFormation reads numbers and booleans written as strings), lists and maps checked
// item by item at their own path, nested structures by their shape, unions by their closest member.
import assert from 'node:assert/strict';
import type { SpecDatabase } from '@aws-cdk/service-spec-types';
import { checkProperties, checkValue, isRecord, type PropertyProblem } from '../../../src/codegen/sam/check-properties.ts';
import { GetAtt, Ref, Sub } from '../../../src/codegen/sam/cfn-tags.ts';
import { ResourceSpec, type SpecProperty, type SpecType } from '../../../src/codegen/sam/resource-spec.ts';

/** A spec whose only nested structure is 'Shape#Env' { Variables?: map of string, Mode (required): string }. */
function specWithShape(): ResourceSpec {
  const shapes: Record<string, { name: string; properties: Record<string, SpecProperty> }> = {
    'Shape#Env': {
      name: 'Env',
      properties: { Variables: { type: { type: 'map', element: { type: 'string' } } }, Mode: { type: { type: 'string' }, required: true } },
    },
  };
  const db = { get: (_kind: string, id: string) => shapes[id], lookup: () => [] };
  return new ResourceSpec(db as unknown as SpecDatabase);
}

const S = (type: SpecType['type']): SpecType => ({ type } as SpecType);
const noSpec = () => specWithShape();

function expected(problems: PropertyProblem[]): string[] {
  return problems.map((p) => (p.kind === 'type' ? `${p.path.join('/')}: ${p.expected}` : `${p.kind} ${p.property} at ${p.path.join('/')} of ${p.owner}`));
}

describe('checkValue', () => {
  it('takes a string, a number or a boolean for a string (and a date-time), nothing else', () => {
    const spec = noSpec();
    for (const type of ['string', 'date-time'] as const) {
      for (const ok of ['x', '', 3, false]) assert.deepEqual(checkValue(spec, S(type), ok, ['P']), [], `${type} ${String(ok)}`);
      for (const bad of [null, [], {}, undefined]) assert.deepEqual(expected(checkValue(spec, S(type), bad, ['P'])), ['P: a string'], `${type} ${JSON.stringify(bad)}`);
    }
  });

  it('takes a number or a numeric string for a number or an integer, and names which was expected', () => {
    const spec = noSpec();
    for (const ok of [0, -2.5, '42', ' 7 ', '1e3']) assert.deepEqual(checkValue(spec, S('number'), ok, ['N']), [], String(ok));
    for (const bad of ['', '   ', 'abc', 'Infinity', true, null, [1]]) assert.deepEqual(expected(checkValue(spec, S('number'), bad, ['N'])), ['N: a number'], JSON.stringify(bad));
    assert.deepEqual(checkValue(spec, S('integer'), '512', ['M']), []);
    assert.deepEqual(expected(checkValue(spec, S('integer'), 'x', ['M'])), ['M: an integer']);
  });

  it('takes true, false and their strings for a boolean, and no other string or number', () => {
    const spec = noSpec();
    for (const ok of [true, false, 'true', 'false']) assert.deepEqual(checkValue(spec, S('boolean'), ok, ['B']), [], String(ok));
    for (const bad of ['yes', 'True', 1, 0, null]) assert.deepEqual(expected(checkValue(spec, S('boolean'), bad, ['B'])), ['B: a boolean'], String(bad));
  });

  it('takes a mapping with Key and Value for a tag, only null for null, and anything for json', () => {
    const spec = noSpec();
    assert.deepEqual(checkValue(spec, S('tag'), { Key: 'k', Value: 'v' }, ['T']), []);
    for (const bad of [{ Key: 'k' }, { Value: 'v' }, 'k=v', null]) assert.deepEqual(expected(checkValue(spec, S('tag'), bad, ['T'])), ['T: a tag {Key, Value}'], JSON.stringify(bad));
    assert.deepEqual(checkValue(spec, S('null'), null, ['Z']), []);
    for (const bad of [0, '', undefined]) assert.deepEqual(expected(checkValue(spec, S('null'), bad, ['Z'])), ['Z: null']);
    for (const any of [null, 1, 'x', [1], { a: 1 }]) assert.deepEqual(checkValue(spec, S('json'), any, ['J']), []);
  });

  it('checks every item of a list at its index and every value of a map at its key', () => {
    const spec = noSpec();
    const listOfNumbers: SpecType = { type: 'array', element: { type: 'number' } };
    assert.deepEqual(checkValue(spec, listOfNumbers, [1, '2'], ['L']), []);
    assert.deepEqual(expected(checkValue(spec, listOfNumbers, [1, 'x', 3, []], ['L'])), ['L/1: a number', 'L/3: a number']);
    assert.deepEqual(expected(checkValue(spec, listOfNumbers, { a: 1 }, ['L'])), ['L: a list']);
    const mapOfBooleans: SpecType = { type: 'map', element: { type: 'boolean' } };
    assert.deepEqual(checkValue(spec, mapOfBooleans, { a: true, b: 'false' }, ['M']), []);
    assert.deepEqual(expected(checkValue(spec, mapOfBooleans, { a: true, b: 'no' }, ['M'])), ['M/b: a boolean']);
    for (const bad of [[true], null, 'a=true']) assert.deepEqual(expected(checkValue(spec, mapOfBooleans, bad, ['M'])), ['M: a mapping'], JSON.stringify(bad));
  });

  it('checks a nested structure against its shape, named by the shape, and accepts one the spec does not know', () => {
    const spec = specWithShape();
    const env: SpecType = { type: 'ref', reference: { $ref: 'Shape#Env' } };
    assert.deepEqual(checkValue(spec, env, { Mode: 'a', Variables: { X: '1' } }, ['E']), []);
    assert.deepEqual(expected(checkValue(spec, env, { Variables: { X: [] }, Extra: 1 }, ['E'])), [
      'E/Variables/X: a string',
      'unknown Extra at E/Extra of Env',
      'missing Mode at E of Env',
    ]);
    assert.deepEqual(checkValue(spec, { type: 'ref', reference: { $ref: 'Shape#Unknown' } }, 'anything', ['U']), []);
  });

  it('accepts a union when any member fits, and otherwise reports the member with the fewest problems', () => {
    const spec = noSpec();
    const numberOrList: SpecType = { type: 'union', types: [{ type: 'array', element: { type: 'number' } }, { type: 'number' }] };
    assert.deepEqual(checkValue(spec, numberOrList, 5, ['U']), []);
    assert.deepEqual(checkValue(spec, numberOrList, [5], ['U']), []);
    // As a list, ['a', 'b'] has two problems; as a number one: the number's is reported.
    assert.deepEqual(expected(checkValue(spec, numberOrList, ['a', 'b'], ['U'])), ['U: a number']);
    // With equal counts the first member's problem stands.
    const stringOrBoolean: SpecType = { type: 'union', types: [{ type: 'string' }, { type: 'boolean' }] };
    assert.deepEqual(expected(checkValue(spec, stringOrBoolean, {}, ['V'])), ['V: a string']);
    assert.deepEqual(checkValue(spec, { type: 'union', types: [] }, {}, ['W']), []);
  });

  it('takes an intrinsic function for a value of any type', () => {
    const spec = noSpec();
    for (const intrinsic of [new Ref('X'), new GetAtt('X', 'Arn'), new Sub('${X}'), { Ref: 'X' }, { 'Fn::If': [] }, { Condition: 'C' }]) {
      for (const type of ['number', 'boolean', 'null', 'tag'] as const) assert.deepEqual(checkValue(spec, S(type), intrinsic, ['I']), [], `${type} ${JSON.stringify(intrinsic)}`);
      assert.deepEqual(checkValue(spec, { type: 'array', element: S('number') }, intrinsic, ['I']), []);
    }
  });
});

describe('checkProperties', () => {
  const properties: Record<string, SpecProperty> = {
    Name: { type: { type: 'string' }, required: true },
    Size: { type: { type: 'integer' } },
    Arch: { type: { type: 'string' }, required: true },
  };

  it('reports unknown properties in the given order, then missing required ones in name order', () => {
    const problems = checkProperties(noSpec(), properties, 'AWS::X::Y', { Zeta: 1, Size: 'big', Alpha: 2 }, ['Resources', 'R', 'Properties']);
    assert.deepEqual(expected(problems), [
      'unknown Zeta at Resources/R/Properties/Zeta of AWS::X::Y',
      'Resources/R/Properties/Size: an integer',
      'unknown Alpha at Resources/R/Properties/Alpha of AWS::X::Y',
      'missing Arch at Resources/R/Properties of AWS::X::Y',
      'missing Name at Resources/R/Properties of AWS::X::Y',
    ]);
  });

  it('finds nothing in complete, well-typed properties, and takes an intrinsic for the whole of them', () => {
    assert.deepEqual(checkProperties(noSpec(), properties, 'AWS::X::Y', { Name: 'n', Arch: 'arm64', Size: 3 }, ['P']), []);
    assert.deepEqual(checkProperties(noSpec(), properties, 'AWS::X::Y', { 'Fn::If': ['c', {}, {}] }, ['P']), []);
  });

  it('wants an object for the properties, naming the owner', () => {
    for (const bad of [[], 'x', null]) assert.deepEqual(expected(checkProperties(noSpec(), properties, 'AWS::X::Y', bad, ['P'])), ['P: an object (AWS::X::Y)']);
  });
});

describe('isRecord', () => {
  it('is true for a plain object and false for null, a list and a scalar', () => {
    assert.equal(isRecord({}), true);
    assert.equal(isRecord({ a: 1 }), true);
    for (const not of [null, [], [1], 'x', 1, undefined]) assert.equal(isRecord(not), false, JSON.stringify(not));
  });
});
