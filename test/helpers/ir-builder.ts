// Small builders for IRs in tests, so a test states its graph in one line:
//   irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] })
// Every step is a task running a function of the same name unless said otherwise.
import { Graph } from '@dagrejs/graphlib';
import type { EdgeData, FunctionInfo, IR, StepNode, WidthDistribution } from '../../src/ir/types.ts';

export interface StepOptions {
  map?: WidthDistribution;
  choice?: Record<string, number>;
  functionName?: string;
  outputBytes?: number;
}

export function functionInfo(name: string, overrides: Partial<FunctionInfo> = {}): FunctionInfo {
  return { name, memoryMb: 1024, timeoutMs: 900_000, architectures: ['x86_64'], ...overrides };
}

/** needs: step id → ids it needs. Options per step id. */
export function irOf(
  needs: Record<string, string[]>,
  options: Record<string, StepOptions> = {},
  name = 'test-app',
): IR {
  const graph = new Graph<undefined, StepNode, EdgeData>({ directed: true });
  const functions = new Map<string, FunctionInfo>();
  for (const id of Object.keys(needs)) {
    const stepOptions = options[id] ?? {};
    const outputBytes = stepOptions.outputBytes ?? 1024;
    let node: StepNode;
    if (stepOptions.choice) {
      node = { id, kind: 'choice', outputBytes, branchProbabilities: stepOptions.choice };
    } else {
      const functionName = stepOptions.functionName ?? id;
      if (!functions.has(functionName)) functions.set(functionName, functionInfo(functionName));
      node = stepOptions.map
        ? { id, kind: 'map', functionName, outputBytes, width: stepOptions.map, maxConcurrency: 0 }
        : { id, kind: 'task', functionName, outputBytes };
    }
    graph.setNode(id, node);
  }
  for (const [id, deps] of Object.entries(needs)) {
    for (const dep of deps) {
      const from = graph.node(dep);
      if (!from) throw new Error(`irOf: ${id} needs unknown step ${dep}`);
      graph.setEdge(dep, id, { bytes: from.outputBytes });
    }
  }
  return { name, sourceFile: '/virtual/app.yaml', baseDir: '/virtual', region: 'us-east-1', functions, graph };
}
