// Decides which logs belong to which function for `dagc profile --from-logs`.
// Each value is one of:
//   <function>=<file or log group>   explicit;
//   <directory>                      <directory>/<function>.{log,txt,jsonl,json} for each function that has one;
//   <prefix ending in '/'>           a log group per function: prefix + deployed name (/aws/lambda/ → /aws/lambda/<name>);
//   <file or log group>              only when the app has a single function.
// A value names a file when it exists on disk, and a log group otherwise;
// a value that can only be a file (a log extension, ./ ../ ~, or an absolute
// path whose folder exists here) but is missing is reported as a missing file,
// not taken for a log group (nor for an ambiguity between functions).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { profilerDiagnostics } from '../diagnostics/profiler.ts';
import { bareFunctionName } from './function-names.ts';

export type LogSource = { kind: 'file'; path: string } | { kind: 'log-group'; name: string };

const LOG_EXTENSIONS = ['.log', '.txt', '.jsonl', '.json'];

function sourceFor(value: string, baseDir: string): LogSource {
  const onDisk = path.resolve(baseDir, value);
  if (existsSync(onDisk)) return { kind: 'file', path: onDisk };
  if (mustBeFile(value)) throw new DagcUserError([profilerDiagnostics.logFileUnreadable(onDisk, 'no such file')]);
  return { kind: 'log-group', name: value };
}

/** A log group name never has a file extension or starts with . or ~; /aws/lambda/x has no folder /aws/lambda here. */
function mustBeFile(value: string): boolean {
  if (LOG_EXTENSIONS.some((ext) => value.endsWith(ext)) || value.startsWith('.') || value.startsWith('~')) return true;
  return path.isAbsolute(value) && existsSync(path.dirname(value));
}

function isDirectory(file: string): boolean {
  return existsSync(file) && statSync(file).isDirectory();
}

/**
 * Maps each function to its log source. `deployedNames` gives the Lambda
 * function name of each app function; `baseDir` resolves relative paths.
 */
export function resolveLogSources(values: readonly string[], deployedNames: ReadonlyMap<string, string>, baseDir: string): Map<string, LogSource> {
  const functions = [...deployedNames.keys()].sort();
  const sources = new Map<string, LogSource>();
  const problems: Diagnostic[] = [];
  for (const value of values) {
    const equals = value.indexOf('=');
    const named = equals > 0 ? value.slice(0, equals) : undefined;
    if (named !== undefined && deployedNames.has(named)) {
      sources.set(named, sourceFor(value.slice(equals + 1), baseDir));
      continue;
    }
    if (named !== undefined && !existsSync(path.resolve(baseDir, value))) {
      problems.push(profilerDiagnostics.unknownFunction('--from-logs', named, functions));
      continue;
    }
    const onDisk = path.resolve(baseDir, value);
    if (isDirectory(onDisk)) {
      let found = 0;
      for (const fn of functions) {
        const file = LOG_EXTENSIONS.map((ext) => path.join(onDisk, `${fn}${ext}`)).find((candidate) => existsSync(candidate));
        if (file && !sources.has(fn)) {
          sources.set(fn, { kind: 'file', path: file });
          found += 1;
        }
      }
      if (found === 0) problems.push(profilerDiagnostics.noReports(`${value} (no <function>.log file for any of ${functions.join(', ')})`));
      continue;
    }
    if (value.endsWith('/')) {
      for (const fn of functions) if (!sources.has(fn)) sources.set(fn, { kind: 'log-group', name: `${value}${bareFunctionName(deployedNames.get(fn)!)}` });
      continue;
    }
    if (functions.length === 1) sources.set(functions[0]!, sourceFor(value, baseDir));
    else if (mustBeFile(value) && !existsSync(onDisk)) problems.push(profilerDiagnostics.logFileUnreadable(onDisk, 'no such file'));
    else problems.push(profilerDiagnostics.ambiguousLogSource(value, functions));
  }
  if (problems.length > 0) throw new DagcUserError(problems);
  return new Map([...sources.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function describeLogSource(source: LogSource): string {
  return source.kind === 'file' ? source.path : `log group ${source.name}`;
}
