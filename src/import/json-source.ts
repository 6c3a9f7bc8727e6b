// Reads an ASL file as strict JSON and keeps where every value is, so a
// diagnostic about $.States.Foo.Next can say file:line:col. jsonc-parser (the
// VS Code JSON parser) gives offsets for every node and for syntax errors; we
// turn on its strict mode (no comments, no trailing commas), since Step
// Functions accepts neither.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { SourcePosition } from '../diagnostics/diagnostic.ts';
import { importDiagnostics } from '../diagnostics/import.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { JsonPath } from './json-path.ts';

export interface JsonSource {
  value: unknown;
  /** Where the value at `path` starts (its key, for object members); the nearest ancestor when absent. */
  positionOf(path: JsonPath): SourcePosition;
}

export type JsonReadResult = { ok: true; source: JsonSource } | { ok: false; diagnostics: Diagnostic[] };

export function parseJsonSource(text: string, displayName: string): JsonReadResult {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const positionAt = (offset: number): SourcePosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: displayName, line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  // Only the first: the parser's recovery after it produces follow-on errors that are noise.
  const first = errors[0];
  if (first) return { ok: false, diagnostics: [importDiagnostics.jsonSyntax(positionAt(first.offset), humanize(printParseErrorCode(first.error)))] };
  if (root === undefined) return { ok: false, diagnostics: [importDiagnostics.jsonSyntax(positionAt(0), 'the file is empty')] };
  const value = toValue(root);
  const positionOf = (path: JsonPath): SourcePosition => {
    for (let length = path.length; length >= 0; length--) {
      const node = findNodeAtLocation(root, [...path.slice(0, length)]);
      if (node) return positionAt(node.parent?.type === 'property' ? node.parent.offset : node.offset);
    }
    return positionAt(0);
  };
  return { ok: true, source: { value, positionOf } };
}

/** 'CommaExpected' → 'comma expected'. */
function humanize(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The plain value; a duplicated key keeps its last value, as JSON.parse does. */
function toValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) result[key.value as string] = toValue(value);
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}
