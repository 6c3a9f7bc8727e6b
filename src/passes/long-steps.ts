// Long steps (Kappa): a function whose pessimistic duration at the largest
// memory it may have exceeds Lambda's 900 s cannot be in any plan — it would
// time out — so it is reported with what to do (split it, or run it on Batch
// or Fargate) before any sizing, never emitted. "Pessimistic" is the warm
// p99 plus the median init of a cold start, at the most memory the spec
// allows (10,240 MB by default), where the function is fastest.
// Complexity: O(functions).
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { structuralDiagnostics } from '../diagnostics/structural.ts';
import { durationModel } from '../model/duration-model.ts';
import { LAMBDA_LIMITS } from '../model/platform.ts';
import { DecisionLog } from './decision-log.ts';
import type { Pass } from './pass.ts';

export const LONG_STEPS = 'long-steps';
const PESSIMISTIC_QUANTILE = 0.99;

export const longStepsPass: Pass = {
  name: LONG_STEPS,
  summary: "refuse functions whose pessimistic duration exceeds Lambda's 900 s even at the most memory they may have",
  run(state, context) {
    const log = new DecisionLog(LONG_STEPS);
    const problems: Diagnostic[] = [];
    let longest = 0;
    for (const name of [...state.ir.functions.keys()].sort()) {
      const info = state.ir.functions.get(name)!;
      const config = state.deployment.functions[name];
      const profile = context.profiles.get(name);
      if (!config || config.batch || !profile) continue;
      const memoryMb = Math.min(info.maxMemoryMb ?? LAMBDA_LIMITS.maxMemoryMb, LAMBDA_LIMITS.maxMemoryMb);
      let best = Infinity;
      for (const arch of info.architectures) {
        const model = durationModel(profile, arch);
        if (model) best = Math.min(best, model.quantile(memoryMb, PESSIMISTIC_QUANTILE) + model.fit.initMs);
      }
      if (!Number.isFinite(best)) continue;
      longest = Math.max(longest, best);
      if (best > LAMBDA_LIMITS.maxTimeoutMs) problems.push(structuralDiagnostics.tooLongForLambda(name, best, memoryMb));
    }
    if (problems.length > 0) throw new DagcUserError(problems);
    log.record('analysis', 'app', "every function's pessimistic duration fits Lambda's 900 s", { longestPessimisticMs: longest, limitMs: LAMBDA_LIMITS.maxTimeoutMs });
    return { ir: state.ir, deployment: state.deployment, decisions: log.list() };
  },
};
