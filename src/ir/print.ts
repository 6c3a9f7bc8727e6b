// A stable text form of the IR: one line per function, step and edge, sorted,
// so tests can compare IRs as strings and a diff of two prints reads well.
import type { IR, StepNode, WidthDistribution } from './types.ts';

export function print(ir: IR): string {
  const lines: string[] = [];
  const slo = ir.slo ? ` slo=${ir.slo.percentile}:${ir.slo.latencyMs}ms` : '';
  lines.push(`app ${ir.name} region=${ir.region}${slo}`);
  for (const name of [...ir.functions.keys()].sort()) {
    const fn = ir.functions.get(name)!;
    const extras = [
      fn.accelerator ? ` accelerator=${fn.accelerator}` : '',
      fn.minMemoryMb !== undefined ? ` minMemoryMb=${fn.minMemoryMb}` : '',
      fn.maxMemoryMb !== undefined ? ` maxMemoryMb=${fn.maxMemoryMb}` : '',
      fn.handlerPath ? ' handler' : '',
    ].join('');
    lines.push(`function ${name} memoryMb=${fn.memoryMb} timeoutMs=${fn.timeoutMs} arch=${fn.architectures.join(',')}${extras}`);
  }
  for (const id of [...ir.graph.nodes()].sort()) lines.push(printStep(ir.graph.node(id)));
  const edges = ir.graph.edges().map((e) => `edge ${e.v} -> ${e.w} bytes=${ir.graph.edge(e).bytes}`);
  lines.push(...edges.sort());
  return `${lines.join('\n')}\n`;
}

function printStep(node: StepNode): string {
  const head = `step ${node.id} ${node.kind}`;
  switch (node.kind) {
    case 'task':
      return `${head} fn=${node.functionName} outputBytes=${node.outputBytes}`;
    case 'map':
      return `${head} fn=${node.functionName} width=${printWidth(node.width)} maxConcurrency=${node.maxConcurrency} outputBytes=${node.outputBytes}`;
    case 'choice': {
      const branches = Object.entries(node.branchProbabilities).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, p]) => `${k}:${p}`);
      return `${head} branches=${branches.join(',')} outputBytes=${node.outputBytes}`;
    }
    case 'join':
      return head;
  }
}

function printWidth(width: WidthDistribution): string {
  switch (width.kind) {
    case 'fixed':
      return String(width.width);
    case 'uniform':
      return `${width.min}..${width.max}`;
    case 'discrete':
      return width.values.map((v, i) => `${v}@${width.probabilities[i]}`).join('|');
  }
}
