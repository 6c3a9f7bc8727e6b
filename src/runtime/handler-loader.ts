// Loads handler modules (ES modules exporting `handler(event, context)`) and
// builds the Lambda-like context object they are called with. Modules are
// imported once per path and cached, as a warm Lambda environment would.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { runtimeDiagnostics } from '../diagnostics/runtime.ts';
import type { FunctionInfo } from '../ir/types.ts';

export type Handler = (event: unknown, context: HandlerContext) => unknown;

/** The subset of Lambda's context object handlers may use, plus the step they run for. */
export interface HandlerContext {
  functionName: string;
  memoryLimitInMB: string;
  /** Deterministic per (seed, step, item), so logs of two runs line up. */
  awsRequestId: string;
  /** The step this invocation runs for; lets one function serve several steps (like $$.State.Name in Step Functions). */
  stepId: string;
  /** The item's index when the step is a map. */
  itemIndex?: number;
  getRemainingTimeInMillis(): number;
}

const cache = new Map<string, Promise<Handler>>();

export function loadHandler(fn: FunctionInfo): Promise<Handler> {
  const file = fn.handlerPath;
  if (file === undefined) return Promise.reject(new DagcUserError([runtimeDiagnostics.noHandler(fn.name)]));
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = import(pathToFileURL(file).href).then((module: { handler?: unknown }) => {
      if (typeof module.handler !== 'function') throw new DagcUserError([runtimeDiagnostics.handlerNotExported(fn.name, file)]);
      return module.handler as Handler;
    });
    cache.set(file, loaded);
  }
  return loaded;
}

export function handlerContext(fn: FunctionInfo, seed: number | string, stepId: string, itemIndex?: number): HandlerContext {
  const startedAt = performance.now();
  const context: HandlerContext = {
    functionName: fn.name,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: requestId(`${seed}\0${stepId}\0${itemIndex ?? ''}`),
    stepId,
    getRemainingTimeInMillis: () => Math.max(0, Math.round(fn.timeoutMs - (performance.now() - startedAt))),
  };
  if (itemIndex !== undefined) context.itemIndex = itemIndex;
  return context;
}

function requestId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
