// What every sizing strategy (dagc's passes and the baselines) starts from: each
// function's candidate configurations (src/passes/memory-options.ts) and a
// way to turn one choice per function into a Deployment. A function with no
// candidate at all is a user error (DAGC0320; DAGC0306 when its own memory
// grid left nothing), reported for all at once.
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { baselineDiagnostics } from '../diagnostics/baselines.ts';
import { currentDeployment, type Deployment } from '../ir/deployment.ts';
import type { FunctionInfo, IR } from '../ir/types.ts';
import { describeMemoryGrid } from '../ir/memory-grid.ts';
import { measuredSizesMb } from '../model/measured-sizes.ts';
import { optimizerDiagnostics } from '../diagnostics/optimizer.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import { candidateConfigurations, footprintMb, usableArchitectures } from './memory-options.ts';
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
    if (options.length === 0) problems.push(noOptionProblem(fn, profile));
    result.set(name, options);
  }
  if (problems.length > 0) throw new DagcUserError(problems);
  return result;
}

/** Why a function has no option: its own grid (a list, or measured) left nothing, or nothing fits its footprint. */
function noOptionProblem(fn: FunctionInfo, profile: FunctionProfile | undefined): Diagnostic {
  const grid = fn.memoryGrid;
  if (grid?.kind === 'measured') {
    const sizes = [...new Set(usableArchitectures(fn, profile).flatMap((arch) => measuredSizesMb(profile?.architectures[arch])))].sort((a, b) => a - b);
    const reason = sizes.length === 0 ? 'its profile measured no size with warm samples' : `no size its profile measured (${sizes.join(', ')} MB) is within its bounds and leaves room for its footprint of ${footprintMb(profile)} MB`;
    return optimizerDiagnostics.noGridSize(fn.name, 'measured', reason);
  }
  if (grid?.kind === 'list') return optimizerDiagnostics.noGridSize(fn.name, describeMemoryGrid(grid), `none of its sizes is within the function's bounds and leaves room for its footprint of ${footprintMb(profile)} MB`);
  return baselineDiagnostics.noFittingMemory(fn.name, footprintMb(profile), fn.maxMemoryMb);
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
