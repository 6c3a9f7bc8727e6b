// A deployed Lambda's Timeout (CONTRACT-22): for an unfused function, the
// function's own timeout; for a fusion group, the largest sum of timeouts
// along a chain of its members (members with no path between them run
// concurrently, so they do not add up); capped at Lambda's 900 s and written
// in whole seconds, rounded up so no function gets less time than it asked for.
// Bundled map items are not multiplied in: the contract sizes a Lambda by the
// functions it runs, and a bundle's makespan is the optimizer's to keep
// within limits (design.md, "Limits").
import { LAMBDA_LIMITS } from '../../model/platform.ts';
import { invokesFunction, type IR } from '../../ir/types.ts';
import type { DeployedLambda } from '../deployed-lambdas.ts';

export function lambdaTimeoutSeconds(ir: IR, lambda: DeployedLambda): number {
  const members = new Set(lambda.steps);
  const longestMsTo = new Map<string, number>();
  // lambda.steps is in a topological order (deployed-lambdas.ts), so every
  // member's predecessors inside the group are settled before it.
  for (const step of lambda.steps) {
    const node = ir.graph.node(step);
    const ownMs = node && invokesFunction(node) ? ir.functions.get(node.functionName)?.timeoutMs ?? LAMBDA_LIMITS.maxTimeoutMs : 0;
    const before = lambda.kind === 'group' ? (ir.graph.predecessors(step) ?? []).filter((p) => members.has(p)).map((p) => longestMsTo.get(p) ?? 0) : [];
    longestMsTo.set(step, Math.max(0, ...before) + ownMs);
  }
  const totalMs = Math.min(LAMBDA_LIMITS.maxTimeoutMs, Math.max(0, ...longestMsTo.values()));
  return Math.max(1, Math.ceil(totalMs / 1000));
}
