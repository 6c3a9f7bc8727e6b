// CloudWatch Logs filter patterns for unstructured events: space-separated
// terms that must all occur (`REPORT Init`), double-quoted phrases
// (`"Status: timeout"`), `-term` that must not occur, and `?term` of which at
// least one must occur. Matching is case-sensitive substring search, as
// CloudWatch's term match. JSON (`{ $.x = 1 }`) and space-delimited (`[a, b]`)
// patterns are not supported and are reported as unsupported.

export interface FilterPattern {
  required: string[];
  excluded: string[];
  anyOf: string[];
}

export class UnsupportedFilterPattern extends Error {
  override name = 'UnsupportedFilterPattern';
}

export function parseFilterPattern(text: string | undefined): FilterPattern {
  const pattern: FilterPattern = { required: [], excluded: [], anyOf: [] };
  const source = (text ?? '').trim();
  if (source.startsWith('{') || source.startsWith('[')) {
    throw new UnsupportedFilterPattern('JSON and space-delimited filter patterns are not supported by the dagc emulator; use terms and "quoted phrases"');
  }
  const tokenPattern = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const match of source.matchAll(tokenPattern)) {
    const prefix = match[1] ?? '';
    const term = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    if (term === '') continue;
    if (prefix === '-') pattern.excluded.push(term);
    else if (prefix === '?') pattern.anyOf.push(term);
    else pattern.required.push(term);
  }
  return pattern;
}

export function matchesFilter(pattern: FilterPattern, message: string): boolean {
  if (!pattern.required.every((term) => message.includes(term))) return false;
  if (pattern.excluded.some((term) => message.includes(term))) return false;
  return pattern.anyOf.length === 0 || pattern.anyOf.some((term) => message.includes(term));
}
