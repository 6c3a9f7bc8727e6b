// Accelerator placement (SCAR, KNIX): a function marked `accelerator: gpu`
// cannot run on Lambda's CPU fleet, so it runs as an AWS Batch job on a GPU
// instance type, submitted by Step Functions with `submitJob.sync` (which
// only Standard workflows support: the orchestration pass reads that). The
// instance is the cheapest GPU type in the platform table whose memory holds
// the function's; its price and dispatch latency come from the same table,
// and the estimator charges both. No plan puts a GPU step in Lambda.
// Assumes: the function's profile was measured where it runs (its durations
// are the GPU's), and a compute environment is running (no instance launch).
// Complexity: O(functions + steps).
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { structuralDiagnostics } from '../diagnostics/structural.ts';
import { invokesFunction } from '../ir/types.ts';
import { BATCH } from '../model/platform.ts';
import { DecisionLog } from './decision-log.ts';
import type { Pass } from './pass.ts';

export const ACCELERATOR = 'accelerator';

export const acceleratorPass: Pass = {
  name: ACCELERATOR,
  summary: 'run accelerator (GPU) functions as AWS Batch jobs on the cheapest GPU instance type that holds them',
  run(state) {
    const log = new DecisionLog(ACCELERATOR);
    const functions = { ...state.deployment.functions };
    const problems: Diagnostic[] = [];
    for (const name of [...state.ir.functions.keys()].sort()) {
      const info = state.ir.functions.get(name)!;
      if (info.accelerator !== 'gpu') continue;
      for (const id of [...state.ir.graph.nodes()].sort()) {
        const node = state.ir.graph.node(id);
        if (invokesFunction(node) && node.functionName === name && node.kind === 'map') problems.push(structuralDiagnostics.acceleratorMap(id, name));
      }
      const memoryMb = functions[name]!.memoryMb;
      const fitting = Object.entries(BATCH.instanceTypes)
        .filter(([, t]) => t.gpus >= 1 && t.memoryMb >= memoryMb)
        .sort(([a, x], [b, y]) => x.hourlyUsd - y.hourlyUsd || (a < b ? -1 : 1));
      const [instanceType, instance] = fitting[0] ?? [];
      if (!instanceType || !instance) {
        problems.push(structuralDiagnostics.noGpuInstance(name, memoryMb));
        continue;
      }
      functions[name] = { ...functions[name]!, batch: { instanceType, vcpus: instance.vcpus, gpus: instance.gpus } };
      log.record(
        'passed',
        name,
        `AWS Batch job on ${instanceType} (Lambda has no GPU)`,
        { hourlyUsd: instance.hourlyUsd, dispatchMedianMs: BATCH.warmDispatchMedianMs, minimumBilledMs: BATCH.minimumBilledMs, memoryMb },
        fitting.slice(1).map(([type, t]) => ({ option: type, reason: 'dearer per hour', numbers: { hourlyUsd: t.hourlyUsd } })),
      );
    }
    if (problems.length > 0) throw new DagcUserError(problems);
    return { ir: state.ir, deployment: { ...state.deployment, functions }, decisions: log.list() };
  },
};
