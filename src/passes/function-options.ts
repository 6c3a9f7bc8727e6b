// What every sizing strategy (dagc's passes and the baselines) starts from: each
// function's candidate configurations (src/passes/memory-options.ts) and a
// way to turn one choice per function into a Deployment. A function with no
// candidate at all is a user error (DAGC0320), reported for all at once.
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { baselineDiagnostics } from '../diagnostics/baselines.ts';
import { currentDeployment, type Deployment } from '../ir/deployment.ts';
import type { IR } from '../ir/types.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import { candidateConfigurations, footprintMb } from './memory-options.ts';
import type { ConfigurationOption } from './strategy.ts';

export type OptionsByFunction = ReadonlyMap<string, readonly ConfigurationOption[]>;
export type Assignment = ReadonlyMap<string, ConfigurationOption>;

/** Candidates per function, in sorted function order. Throws DAGC0320 for every function that fits nowhere. */
export function optionsByFunction(
  ir: IR,
  profiles: ReadonlyMap<string, FunctionProfile>,
  gridMb?: readonly number[],
): Map<string, ConfigurationOption[]> {
  const result = new Map<string, ConfigurationOption[]>();
  const problems: Diagnostic[] = [];
  for (const name of [...ir.functions.keys()].sort()) {
    const fn = ir.functions.get(name)!;
    const profile = profiles.get(name);
    const options = candidateConfigurations(fn, profile, gridMb ? { gridMb } : {});
    if (options.length === 0) problems.push(baselineDiagnostics.noFittingMemory(name, footprintMb(profile), fn.maxMemoryMb));
    result.set(name, options);
  }
  if (problems.length > 0) throw new DagcUserError(problems);
  return result;
}

/** Today's deployment with the given functions' memory and architecture replaced. */
export function deploymentWith(ir: IR, assignment: Assignment, base: Deployment = currentDeployment(ir)): Deployment {
  const functions = { ...base.functions };
  for (const [name, option] of assignment) functions[name] = { ...functions[name], memoryMb: option.memoryMb, architecture: option.architecture };
  return { ...base, functions };
}

export function optionLabel(option: ConfigurationOption): string {
  return `${option.memoryMb} MB on ${option.architecture}`;
}

export function sameOption(a: ConfigurationOption, b: ConfigurationOption): boolean {
  return a.memoryMb === b.memoryMb && a.architecture === b.architecture;
}
