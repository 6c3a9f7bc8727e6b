import assert from 'node:assert/strict';
import { placeholdersIn, substitutionKeys, substitutionProblems } from '../../../src/codegen/sam/check-substitutions.ts';

const template = (machines: Record<string, { Type: string; subs?: Record<string, unknown> }>) => ({
  Resources: Object.fromEntries(Object.entries(machines).map(([id, m]) => [id, { Type: m.Type, Properties: m.subs === undefined ? {} : { DefinitionSubstitutions: m.subs } }])),
});

describe('DefinitionSubstitutions against the ASL placeholders', () => {
  it('lists each ${Name} of a definition once, sorted, and no JSONPath or escaped text', () => {
    assert.deepEqual(placeholdersIn('{"a":"${FnBArn}","b":"${FnAArn}","c":"${FnBArn}","d":"$.x","e":"${not valid}","f":"${Job_1}"}'), ['FnAArn', 'FnBArn', 'Job_1']);
    assert.deepEqual(placeholdersIn('{}'), []);
  });

  it('collects the substitution keys of every state machine resource, of both types, and nothing else\'s', () => {
    const t = template({
      M1: { Type: 'AWS::Serverless::StateMachine', subs: { B: 1, A: 2 } },
      M2: { Type: 'AWS::StepFunctions::StateMachine', subs: { C: 3, A: 4 } },
      Fn: { Type: 'AWS::Serverless::Function', subs: { Z: 5 } },
      M3: { Type: 'AWS::Serverless::StateMachine' },
    });
    assert.deepEqual(substitutionKeys(t), ['A', 'B', 'C']);
    assert.deepEqual(substitutionKeys({}), []);
    assert.deepEqual(substitutionKeys({ Resources: { M: null, N: { Type: 'AWS::Serverless::StateMachine', Properties: 'x' } } }), []);
    assert.deepEqual(substitutionKeys('not a template'), []);
  });

  it('reports each placeholder the template does not fill and each substitution the definition does not use, and nothing when they agree', () => {
    const definition = '{"a":"${FnAArn}","b":"${FnBArn}"}';
    assert.deepEqual(substitutionProblems(definition, 'sm.json', template({ M: { Type: 'AWS::Serverless::StateMachine', subs: { FnAArn: 1, FnBArn: 2 } } }), 't.yaml'), []);
    const problems = substitutionProblems(definition, 'sm.json', template({ M: { Type: 'AWS::Serverless::StateMachine', subs: { FnAArn: 1, FnCArn: 2 } } }), 't.yaml');
    assert.deepEqual(problems.map((p) => p.code).sort(), ['DAGC0481', 'DAGC0482']);
    assert.ok(problems.some((p) => p.code === 'DAGC0481' && p.message.includes('${FnBArn}') && p.message.startsWith('sm.json')));
    assert.ok(problems.some((p) => p.code === 'DAGC0482' && p.message.includes('FnCArn') && p.message.startsWith('t.yaml')));
  });
});
