// Problems the offline check finds in a CloudFormation / SAM template
// (src/codegen/sam/check-template.ts): codes DAGC0470–DAGC0489. For a template
// dagc emitted they are dagc bugs (emit fails loudly on them); for a template
// a person edited they say where (template.yaml:line:col and the path inside
// the template) and what CloudFormation would reject.
import { makeDiagnostic, type Diagnostic, type SourcePosition } from './diagnostic.ts';

type At = SourcePosition | undefined;

export const templateDiagnostics = {
  notATemplate: (detail: string, at: At): Diagnostic =>
    makeDiagnostic('DAGC0470', `not a CloudFormation template: ${detail}`, 'write a YAML mapping with a Resources section (see docs/codegen-sam.md)', at),
  unknownResourceType: (path: string, type: string, at: At): Diagnostic =>
    makeDiagnostic('DAGC0471', `${path}: resource type '${type}' is not in the CloudFormation resource specification`, 'check the spelling of Type (e.g. AWS::Lambda::Function), or the SAM transform for AWS::Serverless::*', at),
  unknownProperty: (path: string, property: string, owner: string, at: At): Diagnostic =>
    makeDiagnostic('DAGC0472', `${path}: '${property}' is not a property of ${owner}`, 'remove it or correct its name (property names are case-sensitive)', at),
  missingProperty: (path: string, property: string, owner: string, at: At): Diagnostic =>
    makeDiagnostic('DAGC0473', `${path}: ${owner} requires '${property}'`, `add ${property}`, at),
  wrongValueType: (path: string, expected: string, at: At): Diagnostic =>
    makeDiagnostic('DAGC0474', `${path}: expected ${expected}`, 'give the value the type the resource specification states', at),
  danglingRef: (path: string, name: string, at: At): Diagnostic =>
    makeDiagnostic('DAGC0475', `${path}: !Ref ${name} names no resource, parameter or pseudo-parameter`, 'declare it, or correct the name', at),
  danglingGetAtt: (path: string, target: string, detail: string, at: At): Diagnostic =>
    makeDiagnostic('DAGC0476', `${path}: !GetAtt ${target}: ${detail}`, 'name a declared resource and one of its attributes', at),
  danglingSub: (path: string, variable: string, at: At): Diagnostic =>
    makeDiagnostic('DAGC0477', `${path}: !Sub variable \${${variable}} names nothing the template declares`, 'declare it, pass it in the !Sub variable map, or write ${!Literal} for a literal', at),
  badLogicalId: (path: string, id: string, detail: string, at: At): Diagnostic =>
    makeDiagnostic('DAGC0478', `${path}: logical id '${id}' ${detail}`, 'use a unique alphanumeric logical id', at),
  dependencyCycle: (cycle: string[], at: At): Diagnostic =>
    makeDiagnostic('DAGC0479', `resources depend on each other in a cycle: ${cycle.join(' → ')}`, 'break the cycle (CloudFormation cannot order these resources)', at),
  badStructure: (path: string, detail: string, at: At): Diagnostic =>
    makeDiagnostic('DAGC0480', `${path}: ${detail}`, 'see the CloudFormation template anatomy: Type/Properties per resource, known top-level sections', at),
  unfilledPlaceholder: (definitionFile: string, name: string, templateFile: string): Diagnostic =>
    makeDiagnostic('DAGC0481', `${definitionFile}: placeholder \${${name}} is not in the DefinitionSubstitutions of ${templateFile}`, 'regenerate both files from the same plan with dagc emit (the ASL and the template must agree on every Lambda and Batch job)', undefined),
  unusedSubstitution: (templateFile: string, name: string, definitionFile: string): Diagnostic =>
    makeDiagnostic('DAGC0482', `${templateFile}: DefinitionSubstitutions.${name} is not used by ${definitionFile}`, 'regenerate both files from the same plan with dagc emit (the ASL and the template must agree on every Lambda and Batch job)', undefined),
};
