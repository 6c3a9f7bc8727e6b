// Which deployed Lambda function each app function is. By default the app's
// function name; `--function-name fn=<name or ARN>` overrides one at a time.
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { profilerDiagnostics } from '../diagnostics/profiler.ts';

/** App function → the FunctionName to pass to Lambda (a name, partial or full ARN). */
export function resolveDeployedNames(appFunctions: readonly string[], mappings: readonly string[]): Map<string, string> {
  const names = new Map<string, string>([...appFunctions].sort().map((fn) => [fn, fn]));
  const problems: Diagnostic[] = [];
  for (const mapping of mappings) {
    const equals = mapping.indexOf('=');
    if (equals <= 0 || equals === mapping.length - 1) {
      problems.push(profilerDiagnostics.badFunctionMapping(mapping));
      continue;
    }
    const fn = mapping.slice(0, equals);
    if (!names.has(fn)) {
      problems.push(profilerDiagnostics.unknownFunction('--function-name', fn, [...names.keys()]));
      continue;
    }
    names.set(fn, mapping.slice(equals + 1));
  }
  if (problems.length > 0) throw new DagcUserError(problems);
  return names;
}

/** The bare function name inside an ARN (what Lambda names the log group after). */
export function bareFunctionName(nameOrArn: string): string {
  const match = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn);
  return match ? match[1]! : nameOrArn;
}
