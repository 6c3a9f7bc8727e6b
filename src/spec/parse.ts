// Reads app.yaml into a plain object plus a SourceMap. YAML syntax errors and
// duplicate keys become positioned diagnostics; nothing is thrown here.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { specDiagnostics } from '../diagnostics/spec.ts';
import { SourceMap } from './source-map.ts';

export interface ParsedYaml {
  value: unknown;
  sourceMap: SourceMap;
  diagnostics: Diagnostic[];
}

export function readYamlFile(file: string): ParsedYaml | { value: undefined; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { value: undefined, diagnostics: [specDiagnostics.fileNotFound(file)] };
  }
  return parseYamlText(file, text);
}

export function parseYamlText(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const sourceMap = new SourceMap(file, document, lineCounter);
  const diagnostics: Diagnostic[] = [];
  for (const error of document.errors) {
    const position = sourceMap.positionOfOffset(error.pos[0]);
    if (error.code === 'DUPLICATE_KEY') {
      const key = /^(?:"([^"]*)"|'([^']*)'|([^:\s]+))/.exec(text.slice(error.pos[0]));
      diagnostics.push(specDiagnostics.duplicateKey(position, key?.[1] ?? key?.[2] ?? key?.[3] ?? '?'));
    } else {
      diagnostics.push(specDiagnostics.yamlSyntax(position, firstLine(error.message)));
    }
  }
  const value = diagnostics.length === 0 ? document.toJS() : undefined;
  return { value, sourceMap, diagnostics };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
