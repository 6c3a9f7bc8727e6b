// Where a flag's value sits on the command line, as a diagnostic position
// (file '<command line>', line 1, the value's 1-based column in
// `dagc <args…>`), so a bad flag value is reported like a bad line in a
// file: where it is, what is wrong, how to fix it. Both `--flag value` and
// `--flag=value` are found; the last occurrence wins, as in commander.
import type { SourcePosition } from '../diagnostics/diagnostic.ts';

export const COMMAND_LINE = '<command line>';

/** args: the user's arguments after the program name (process.argv.slice(2)). */
export function flagValuePosition(args: readonly string[], flag: string): SourcePosition | undefined {
  let column = 'dagc '.length + 1;
  let found: number | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === flag && i + 1 < args.length) found = column + arg.length + 1;
    else if (arg.startsWith(`${flag}=`)) found = column + flag.length + 1;
    column += arg.length + 1;
  }
  return found === undefined ? undefined : { file: COMMAND_LINE, line: 1, column: found };
}

/**
 * The user's arguments of the running program: commander keeps the argv it
 * parsed as `rawArgs` on the root command (set at run time, not in its type
 * declarations), with the node binary and script first.
 */
export function userArgs(command: { parent: unknown }): string[] {
  let root: unknown = command;
  while ((root as { parent?: unknown }).parent) root = (root as { parent: unknown }).parent;
  const raw = (root as { rawArgs?: unknown }).rawArgs;
  return Array.isArray(raw) ? raw.slice(2).map(String) : [];
}
