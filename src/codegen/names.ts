// Names for everything codegen emits, from ids a user or an imported state
// machine may have written with any characters (unicode, spaces, 200
// characters): Step Functions state names, Lambda function names and
// CloudFormation logical IDs each have their own alphabet and length limit,
// and each must stay unique after cleaning. One module decides all three so
// the ASL, the SAM template and the handlers agree on every reference.
//
// Rule: keep what the target alphabet allows, replace the rest, and when
// anything was replaced or cut, append a short hash of the original id, so
// two ids that clean to the same text still get different names. The same id
// always gets the same name (no counters that depend on order).
import { createHash } from 'node:crypto';

/** Step Functions: a state name is at most 80 characters; dagc keeps to letters, digits, '-' and '_' so it needs no escaping in JSONPath or logs. */
export const STATE_NAME_MAX = 80;
/** Lambda: a function name is 1–64 of [a-zA-Z0-9-_]. */
export const LAMBDA_NAME_MAX = 64;
/** CloudFormation: a logical ID is alphanumeric (A-Za-z0-9), at most 255 characters. */
export const LOGICAL_ID_MAX = 255;

const HASH_LENGTH = 8;

export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, HASH_LENGTH);
}

function cleaned(id: string, disallowed: RegExp, replacement: string, max: number, separator: string): string {
  const kept = id.replace(disallowed, replacement);
  if (kept === id && kept.length > 0 && kept.length <= max) return kept;
  const suffix = `${separator}${shortHash(id)}`;
  return `${kept.slice(0, max - suffix.length)}${suffix}`;
}

/** The ASL state name of a step, join or fusion group id. */
export function stateName(id: string): string {
  return cleaned(id, /[^A-Za-z0-9_-]/g, '_', STATE_NAME_MAX, '_');
}

/** The Lambda function name for a deployed Lambda of an app (app name first, so two apps in one account do not collide). */
export function lambdaFunctionName(app: string, lambdaKey: string): string {
  return cleaned(`${app}-${lambdaKey}`, /[^A-Za-z0-9_-]/g, '-', LAMBDA_NAME_MAX, '-');
}

/** A CloudFormation logical ID with a kind prefix (Fn, Role, Bucket, …), e.g. logicalId('Fn', 'encode') = 'FnEncode'. */
export function logicalId(prefix: string, id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const camel = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  const lossless = camel.length > 0 && words.join('') === id.replace(/[^A-Za-z0-9]/g, '') && /^[A-Za-z0-9]+$/.test(id);
  const body = lossless ? camel : `${camel}${shortHash(id)}`;
  return `${prefix}${body}`.slice(0, LOGICAL_ID_MAX);
}
