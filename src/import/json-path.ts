// JSON paths for diagnostics, in the form people know from JSONPath and the
// Step Functions console: $.States.Foo.Branches[1].States['My state'].
// A segment that is not a plain identifier is quoted in brackets.

export type JsonPath = ReadonlyArray<string | number>;

export function formatJsonPath(path: JsonPath): string {
  let text = '$';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) text += `.${segment}`;
    else text += `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return text;
}
