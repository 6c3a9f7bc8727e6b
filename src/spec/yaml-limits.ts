// Resource limits on YAML, checked in two places so that no check needs the
// thing it guards: nestingBeforeParse reads the raw text (the parser itself
// recurses and overflows the stack on deep nesting), and treeProblems walks the
// parsed document without recursion for depth, long strings and aliases
// before the document is converted to plain values (where aliases expand),
// and for keys repeated in one mapping.
// Both are O(size of the text).
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { inputDiagnostics } from '../diagnostics/input.ts';
import { specDiagnostics } from '../diagnostics/spec.ts';
import { LIMITS } from './limits.ts';
import type { SourceMap } from './source-map.ts';

/**
 * The offset of the first place where the text nests deeper than the limit,
 * by a lexical estimate that never undercounts: block indentation levels,
 * plus "- " entries opened on one line, plus open [ and { brackets (outside
 * quotes and comments). Undefined when the text stays within the limit.
 */
export function nestingBeforeParse(text: string, limit: number = LIMITS.yamlDepth): number | undefined {
  const indents: number[] = [];
  let flowDepth = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (indent === line.length || line[indent] === '#') continue;
    if (flowDepth === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    let depth = indents.length + flowDepth;
    let quote: string | undefined;
    let atEntryStart = true;
    for (let i = indent; i < line.length; i += 1) {
      const c = line[i]!;
      if (quote !== undefined) {
        if (c === quote) quote = undefined;
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
      else if (c === '[' || c === '{') {
        flowDepth += 1;
        depth += 1;
      } else if (c === ']' || c === '}') flowDepth = Math.max(0, flowDepth - 1);
      else if (c === '-' && atEntryStart && (line[i + 1] === ' ' || i + 1 === line.length)) depth += 1;
      else if (c !== ' ') atEntryStart = false;
      if (depth > limit) return lineStart + i;
    }
  }
  return undefined;
}

/**
 * Keys repeated in one mapping, by a set per mapping: the yaml package's own
 * uniqueKeys check compares each key with every earlier one, which made a
 * 20,000-step spec take half a minute to parse.
 */
function duplicateKeys(pairs: readonly unknown[], sourceMap: SourceMap): Diagnostic[] {
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const pair of pairs) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (seen.has(key)) diagnostics.push(specDiagnostics.duplicateKey(sourceMap.positionOfOffset(pair.key.range?.[0] ?? 0), key));
    seen.add(key);
  }
  return diagnostics;
}

/** Duplicate keys, and depth, string-length and alias-count problems of a parsed document, without recursion. */
export function treeProblems(document: Document, sourceMap: SourceMap): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let aliases = 0;
  let depthReported = false;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: document.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || node === undefined) continue;
    const at = () => sourceMap.positionOfOffset((node as Node).range?.[0] ?? 0);
    if (isAlias(node)) {
      aliases += 1;
      if (aliases === LIMITS.yamlAliases + 1) diagnostics.push(inputDiagnostics.yamlTooManyAliases(at(), LIMITS.yamlAliases));
    } else if (isScalar(node)) {
      if (typeof node.value === 'string' && node.value.length > LIMITS.stringChars) diagnostics.push(inputDiagnostics.stringTooLong(at(), node.value.length, LIMITS.stringChars));
    } else if (isMap(node) || isSeq(node)) {
      if (depth >= LIMITS.yamlDepth) {
        if (!depthReported) diagnostics.push(inputDiagnostics.yamlTooDeep(at(), LIMITS.yamlDepth));
        depthReported = true;
        continue;
      }
      if (isMap(node)) diagnostics.push(...duplicateKeys(node.items, sourceMap));
      for (const item of node.items) {
        if (isPair(item)) {
          stack.push({ node: item.value, depth: depth + 1 });
          stack.push({ node: item.key, depth: depth + 1 });
        } else stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return diagnostics;
}
