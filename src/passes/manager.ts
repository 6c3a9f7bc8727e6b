// Runs passes in order. Under test (verifyBetweenPasses) the IR is verified
// after every pass, so a broken invariant is blamed on the pass that broke it.
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { verify } from '../ir/verify.ts';
import type { Decision } from './decision-log.ts';
import type { Pass, PassContext, PassState } from './pass.ts';

export interface PipelineResult extends PassState {
  decisions: Decision[];
}

export class PassInvariantError extends Error {
  constructor(
    readonly pass: string,
    readonly problems: Diagnostic[],
  ) {
    super(`pass '${pass}' broke the IR:\n${problems.map((p) => `  ${p.code} ${p.message}`).join('\n')}`);
    this.name = 'PassInvariantError';
  }
}

export function runPasses(
  passes: readonly Pass[],
  initial: PassState,
  context: PassContext,
  options: { verifyBetweenPasses?: boolean } = {},
): PipelineResult {
  let state: PassState = initial;
  const decisions: Decision[] = [];
  for (const pass of passes) {
    const result = pass.run(state, context);
    if (options.verifyBetweenPasses) {
      const problems = verify(result.ir);
      if (problems.length > 0) throw new PassInvariantError(pass.name, problems);
    }
    decisions.push(...result.decisions);
    state = { ir: result.ir, deployment: result.deployment };
  }
  return { ...state, decisions };
}
