// User-Max: what an engineer who buys speed does — every function at the
// largest memory size it may have (its largest candidate), on today's
// architecture when that one has data. No search, no estimate needed; the
// SLO is ignored. The fastest plan memory sizing alone can give (more memory
// never slows a Lambda function down), so the tightest SLO any sizing can meet.
// Complexity: O(functions × candidates).
import { DecisionLog } from '../passes/decision-log.ts';
import type { ConfigurationOption, Strategy } from '../passes/strategy.ts';
import { deploymentWith, optionLabel, optionsByFunction } from '../passes/function-options.ts';

export const USER_MAX = 'user-max';

export const userMax: Strategy = (input) => boundStrategy(USER_MAX, input, (options) => options.filter((o) => o.memoryMb === options.at(-1)!.memoryMb)[0]!);

/** Shared by user-max and user-min: pick one option per function by a rule that looks at that function's options alone. */
export function boundStrategy(
  name: string,
  input: Parameters<Strategy>[0],
  pick: (options: readonly ConfigurationOption[]) => ConfigurationOption,
): ReturnType<Strategy> {
  const log = new DecisionLog(name);
  const assignment = new Map<string, ConfigurationOption>();
  for (const [fn, options] of optionsByFunction(input.ir, input.profiles)) {
    const chosen = pick(options);
    assignment.set(fn, chosen);
    log.record('passed', fn, optionLabel(chosen), { memoryMb: chosen.memoryMb, candidates: options.length });
  }
  return { strategy: name, deployment: deploymentWith(input.ir, assignment), decisions: log.list() };
}
