// Resolves Lambda's handler setting to a module file, as the Node.js runtime
// does: `dir/file.export` → <code root>/dir/file.mjs, .js or .cjs (first that
// exists), export `export`. An unresolvable setting is not an API error on
// Lambda: the function is created, and invocations fail with
// Runtime.ImportModuleError. So resolution returns undefined, not an error.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FunctionCode } from './function-config.ts';

const EXTENSIONS = ['.mjs', '.js', '.cjs'];

export interface HandlerModule {
  moduleFile: string | undefined;
  exportName: string;
}

export function resolveHandlerModule(code: FunctionCode, handler: string): HandlerModule {
  const dot = handler.lastIndexOf('.');
  const exportName = dot < 0 ? handler : handler.slice(dot + 1);
  if (code.moduleFile !== undefined) return { moduleFile: code.moduleFile, exportName };
  if (dot <= 0) return { moduleFile: undefined, exportName };
  const base = path.resolve(code.rootDir, handler.slice(0, dot));
  if (!base.startsWith(path.resolve(code.rootDir) + path.sep)) return { moduleFile: undefined, exportName };
  const moduleFile = EXTENSIONS.map((extension) => base + extension).find((file) => existsSync(file));
  return { moduleFile, exportName };
}
