// The baseline strategies by name, for `dagc optimize --strategy <name>` and
// the benches. dagc's own strategy is registered by the optimizer beside these.
// `power-tuning` takes its settings after a colon: power-tuning:cost,
// power-tuning:speed, power-tuning:balanced=0.3 (default balanced 0.5).
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { baselineDiagnostics } from '../diagnostics/baselines.ts';
import type { Strategy } from '../passes/strategy.ts';
import { EXHAUSTIVE, exhaustive } from './exhaustive.ts';
import { EXHAUSTIVE_STRUCTURAL, exhaustiveStructural } from './exhaustive-structural.ts';
import { GREEDY_CRITICAL_PATH, greedyCriticalPath } from './greedy-critical-path.ts';
import { LLAMA_SLACK, llamaSlack } from './llama-slack.ts';
import { POWER_TUNING, powerTuning, type PowerTuningSettings } from './power-tuning.ts';
import { USER_MAX, userMax } from './user-max.ts';
import { USER_MIN, userMin } from './user-min.ts';

export const BASELINES: ReadonlyMap<string, Strategy> = new Map<string, Strategy>([
  [USER_MAX, userMax],
  [USER_MIN, userMin],
  [POWER_TUNING, powerTuning()],
  [LLAMA_SLACK, llamaSlack],
  [GREEDY_CRITICAL_PATH, greedyCriticalPath],
  [EXHAUSTIVE, exhaustive()],
  [EXHAUSTIVE_STRUCTURAL, exhaustiveStructural()],
]);

export function baselineNames(): string[] {
  return [...BASELINES.keys()];
}

/** The strategy for a name; throws DAGC0323 for an unknown name and DAGC0324 for bad power-tuning settings. */
export function baselineByName(name: string): Strategy {
  const [head, setting] = splitOnce(name, ':');
  if (head === POWER_TUNING && setting !== undefined) return powerTuning(parsePowerTuning(setting));
  const strategy = BASELINES.get(name);
  if (!strategy) throw new DagcUserError([baselineDiagnostics.unknownStrategy(name, baselineNames())]);
  return strategy;
}

function parsePowerTuning(setting: string): Partial<PowerTuningSettings> {
  const [objective, weightText] = splitOnce(setting, '=');
  if (objective === 'cost' || objective === 'speed') {
    if (weightText !== undefined) throw new DagcUserError([baselineDiagnostics.badPowerTuningSetting(`'${objective}' takes no weight`)]);
    return { objective };
  }
  if (objective !== 'balanced') throw new DagcUserError([baselineDiagnostics.badPowerTuningSetting(`unknown objective '${objective}'`)]);
  if (weightText === undefined) return { objective };
  const balancedWeight = Number(weightText);
  if (weightText.trim() === '' || !Number.isFinite(balancedWeight)) {
    throw new DagcUserError([baselineDiagnostics.badPowerTuningSetting(`cannot read '${weightText}' as a weight`)]);
  }
  return { objective, balancedWeight };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
