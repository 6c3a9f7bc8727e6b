// CloudFormation intrinsic functions as YAML tags (`!Ref X`, `!GetAtt X.Arn`,
// `!Sub '…${X}…'`), the form people read and write SAM templates in. The
// emitter builds values of these classes; the `yaml` package's customTags
// write them in the short form and read them back into the same classes, so a
// template round-trips exactly and the offline check (check-template.ts) sees
// the references. Long forms (`Ref:`, `Fn::GetAtt:`, `Fn::Sub:`) read from a
// user's template are understood by the check too (see intrinsic-refs.ts).
//
// YAML 1.1 output: CloudFormation's YAML reader is 1.1, where `2010-09-09`
// is a date and `yes`/`on` are booleans; writing with version '1.1' makes the
// `yaml` package quote exactly those scalars.
import { LineCounter, parseDocument, stringify, type ScalarTag, type CollectionTag, YAMLSeq, Scalar } from 'yaml';

export class Ref {
  constructor(readonly name: string) {}
}

export class GetAtt {
  constructor(readonly resource: string, readonly attribute: string) {}
}

/**
 * `!Sub` with its template string; `${Name}` and `${Name.Attr}` refer to resources, parameters and
 * pseudo-parameters. The two-argument form (with a variable map) is read, for the check; dagc writes
 * only the one-argument form, so only that one has a writer below.
 */
export class Sub {
  constructor(readonly template: string, readonly variables: Record<string, unknown> = {}) {}
}

const refTag: ScalarTag = {
  tag: '!Ref',
  identify: (value) => value instanceof Ref,
  resolve: (text) => new Ref(text),
  stringify: (item, ctx, onComment, onChompKeep) => stringifyPlain((item.value as Ref).name, ctx, onComment, onChompKeep),
};

const getAttTag: ScalarTag = {
  tag: '!GetAtt',
  identify: (value) => value instanceof GetAtt,
  resolve: (text) => {
    const dot = text.indexOf('.');
    return dot < 0 ? new GetAtt(text, '') : new GetAtt(text.slice(0, dot), text.slice(dot + 1));
  },
  stringify: (item, ctx, onComment, onChompKeep) => {
    const value = item.value as GetAtt;
    return stringifyPlain(`${value.resource}.${value.attribute}`, ctx, onComment, onChompKeep);
  },
};

/** `!GetAtt [Resource, Attr]`, the list form some people write. */
const getAttSeqTag: CollectionTag = {
  tag: '!GetAtt',
  collection: 'seq',
  resolve: (seq) => {
    const items = (seq as YAMLSeq).items.map((item) => String(item instanceof Scalar ? item.value : item));
    return new GetAtt(items[0] ?? '', items.slice(1).join('.')) as unknown as YAMLSeq;
  },
};

const subTag: ScalarTag = {
  tag: '!Sub',
  identify: (value) => value instanceof Sub && Object.keys(value.variables).length === 0,
  resolve: (text) => new Sub(text),
  stringify: (item, ctx, onComment, onChompKeep) => stringifyPlain((item.value as Sub).template, ctx, onComment, onChompKeep),
};

/** `!Sub [template, {Var: value}]`. */
const subSeqTag: CollectionTag = {
  tag: '!Sub',
  collection: 'seq',
  resolve: (seq) => {
    const [template, variables] = (seq as YAMLSeq).toJSON() as [string, Record<string, unknown> | undefined];
    return new Sub(String(template), variables ?? {}) as unknown as YAMLSeq;
  },
};

export const CFN_TAGS = [refTag, getAttTag, getAttSeqTag, subTag, subSeqTag];

// A tag's stringify must render the scalar itself; delegate to the default
// string rendering so quoting rules (1.1 dates, `yes`, `${…}`) stay the package's.
function stringifyPlain(text: string, ctx: Parameters<NonNullable<ScalarTag['stringify']>>[1], onComment?: () => void, onChompKeep?: () => void): string {
  const scalar = new Scalar(text);
  const stringTag = ctx.doc.schema.tags.find((tag) => tag.tag === 'tag:yaml.org,2002:str' && 'stringify' in tag) as ScalarTag | undefined;
  if (!stringTag?.stringify) return JSON.stringify(text);
  return stringTag.stringify(scalar, ctx, onComment, onChompKeep);
}

/** The template's bytes: YAML 1.1, two-space indent, no line folding (long ARNs stay on one line), insertion order kept. */
export function stringifyTemplate(template: unknown): string {
  return stringify(template, { version: '1.1', customTags: CFN_TAGS, lineWidth: 0, indent: 2, aliasDuplicateObjects: false });
}

/** Parses a template written in YAML (1.1 or 1.2) with CloudFormation's short-form tags. */
export function parseTemplateDocument(text: string, lineCounter?: LineCounter) {
  return parseDocument(text, { version: '1.1', customTags: CFN_TAGS, uniqueKeys: true, ...(lineCounter ? { lineCounter } : {}) });
}
