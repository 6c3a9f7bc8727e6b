// The CloudFormation resource specification as data, for the offline template
// check: resource types with their properties (required or not, typed) and
// attributes, from @aws-cdk/aws-service-spec (Apache-2.0; the registry schemas
// AWS publishes, plus the SAM resource types). Loaded once per process
// (about 1–2 s: it is a 2.6 MB gzip of every AWS resource type).
//
// That database carries AWS::Serverless::* properties but not what SAM adds on
// top, so SAM_RULES below states it, from the SAM specification
// (docs.aws.amazon.com/serverless-application-model, "AWS::Serverless::Function",
// "AWS::Serverless::StateMachine", "Generated CloudFormation resources for AWS SAM"):
// which properties are required together, which attributes !GetAtt reaches
// (those of the base resource SAM generates), and which resources SAM
// generates with which logical ids (they may be referenced like declared ones).
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { SpecDatabase } from '@aws-cdk/service-spec-types';

/** A property's type as the database states it. */
export type SpecType =
  | { type: 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'date-time' | 'tag' | 'null' }
  | { type: 'array' | 'map'; element: SpecType }
  | { type: 'union'; types: SpecType[] }
  | { type: 'ref'; reference: { $ref: string } };

export interface SpecProperty {
  type: SpecType;
  required?: boolean;
}

export interface SpecShape {
  name: string;
  properties: Record<string, SpecProperty>;
}

export interface SpecResource extends SpecShape {
  attributes: string[];
}

export interface GeneratedResource {
  /** Logical id of the generated resource. */
  logicalId: string;
  type: string;
}

export interface SamRule {
  /** Exactly one of each set must be present. */
  oneOf: string[][];
  /** Present property → properties it needs beside it. */
  requiredWith: Record<string, string[]>;
  /** The CloudFormation type whose attributes !GetAtt reaches. */
  attributesOf: string;
  /** Resources SAM generates for a resource with this logical id and these properties. */
  generated: (logicalId: string, properties: Record<string, unknown>) => GeneratedResource[];
}

export const SAM_RULES: Record<string, SamRule> = {
  'AWS::Serverless::Function': {
    oneOf: [['CodeUri', 'ImageUri', 'InlineCode']],
    requiredWith: { CodeUri: ['Handler', 'Runtime'], InlineCode: ['Handler', 'Runtime'] },
    attributesOf: 'AWS::Lambda::Function',
    generated: (id, properties) => [
      ...(properties.Role === undefined ? [{ logicalId: `${id}Role`, type: 'AWS::IAM::Role' }] : []),
      ...(typeof properties.AutoPublishAlias === 'string' ? [{ logicalId: `${id}Alias${properties.AutoPublishAlias}`, type: 'AWS::Lambda::Alias' }] : []),
    ],
  },
  'AWS::Serverless::StateMachine': {
    oneOf: [['Definition', 'DefinitionUri']],
    requiredWith: {},
    attributesOf: 'AWS::StepFunctions::StateMachine',
    generated: (id, properties) => (properties.Role === undefined ? [{ logicalId: `${id}Role`, type: 'AWS::IAM::Role' }] : []),
  },
};

export class ResourceSpec {
  private readonly resources = new Map<string, SpecResource | null>();

  constructor(private readonly db: SpecDatabase) {}

  resource(type: string): SpecResource | undefined {
    if (!this.resources.has(type)) {
      const found = this.db.lookup('resource', 'cloudFormationType', 'equals', type);
      const entry = found.length === 1 ? found[0]! : undefined;
      this.resources.set(type, entry ? { name: type, properties: entry.properties as unknown as Record<string, SpecProperty>, attributes: Object.keys(entry.attributes ?? {}) } : null);
    }
    return this.resources.get(type) ?? undefined;
  }

  shape(id: string): SpecShape | undefined {
    const def = this.db.get('typeDefinition', id);
    return def ? { name: def.name, properties: def.properties as unknown as Record<string, SpecProperty> } : undefined;
  }

  /** Attributes !GetAtt may read from a resource of this type (a SAM type reads its base resource's). */
  attributes(type: string): string[] | undefined {
    const base = SAM_RULES[type]?.attributesOf ?? type;
    return this.resource(base)?.attributes;
  }
}

let cached: ResourceSpec | undefined;

export function resourceSpec(): ResourceSpec {
  cached ??= new ResourceSpec(loadAwsServiceSpecSync());
  return cached;
}
