// Reads app.yaml into a plain object plus a SourceMap. YAML syntax errors and
// duplicate keys become positioned diagnostics; nothing is thrown here except
// DagcUserError for a file over the size limit. Resource limits (size, nesting,
// string length, aliases: src/spec/limits.ts) are checked before the step they
// protect: size before reading, nesting before parsing, aliases before
// expanding them.
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { inputDiagnostics } from '../diagnostics/input.ts';
import { specDiagnostics } from '../diagnostics/spec.ts';
import { errorCode, readTextLimited } from '../io/read-limited.ts';
import { LIMITS } from './limits.ts';
import { SourceMap } from './source-map.ts';
import { nestingBeforeParse, treeProblems } from './yaml-limits.ts';

const MAX_SYNTAX_ERRORS = 10;

export interface ParsedYaml {
  value: unknown;
  sourceMap: SourceMap;
  diagnostics: Diagnostic[];
}

export function readYamlFile(file: string): ParsedYaml | { value: undefined; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = readTextLimited(file, { what: 'app spec', maxBytes: LIMITS.specBytes });
  } catch (error) {
    const code = errorCode(error);
    if (code === undefined) throw error;
    return { value: undefined, diagnostics: [code === 'ENOENT' ? specDiagnostics.fileNotFound(file) : inputDiagnostics.readFailed(file, 'app spec', code)] };
  }
  return parseYamlText(file, text);
}

export function parseYamlText(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const tooDeepAt = nestingBeforeParse(text);
  if (tooDeepAt !== undefined) {
    // Not parsed at all: positions come from the line starts alone.
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1 && i < tooDeepAt; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    const sourceMap = new SourceMap(file, parseDocument('', { lineCounter: new LineCounter() }), lineCounter);
    return { value: undefined, sourceMap, diagnostics: [inputDiagnostics.yamlTooDeep(sourceMap.positionOfOffset(tooDeepAt), LIMITS.yamlDepth)] };
  }
  // logLevel 'error': yaml would otherwise print its warnings (an unknown tag) on the process's stderr, outside dagc's diagnostics.
  // uniqueKeys false: duplicate keys are found by treeProblems in linear time (the package's check is quadratic).
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const sourceMap = new SourceMap(file, document, lineCounter);
  const diagnostics: Diagnostic[] = [];
  // After the first few, YAML syntax errors are echoes of one mistake (an unclosed bracket makes every
  // later token unexpected): report the first ones, which are where the mistake is.
  for (const error of document.errors.slice(0, MAX_SYNTAX_ERRORS)) {
    const position = sourceMap.positionOfOffset(error.pos[0]);
    if (error.code === 'DUPLICATE_KEY') {
      const key = /^(?:"([^"]*)"|'([^']*)'|([^:\s]+))/.exec(text.slice(error.pos[0], error.pos[0] + LIMITS.stringChars));
      diagnostics.push(specDiagnostics.duplicateKey(position, key?.[1] ?? key?.[2] ?? key?.[3] ?? '?'));
    } else {
      diagnostics.push(specDiagnostics.yamlSyntax(position, firstLine(error.message)));
    }
  }
  if (diagnostics.length === 0) diagnostics.push(...treeProblems(document, sourceMap));
  const value = diagnostics.length === 0 ? toValue(document, sourceMap, diagnostics) : undefined;
  return { value, sourceMap, diagnostics };
}

/** The plain value; an alias expansion over the limit becomes a diagnostic at the first alias. */
function toValue(document: Document, sourceMap: SourceMap, diagnostics: Diagnostic[]): unknown {
  try {
    return document.toJS({ maxAliasCount: LIMITS.yamlAliases });
  } catch (error) {
    // yaml throws a ReferenceError when aliases expand past maxAliasCount.
    if (!(error instanceof ReferenceError)) throw error;
    diagnostics.push(inputDiagnostics.yamlTooManyAliases(sourceMap.positionOfOffset(firstAliasOffset(document)), LIMITS.yamlAliases));
    return undefined;
  }
}

/** Where the first alias is (the nesting is already bounded, so visit's recursion is safe). */
function firstAliasOffset(document: Document): number {
  let offset = 0;
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
