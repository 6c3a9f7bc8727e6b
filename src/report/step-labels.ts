// The words on each step of the drawn workflow: its function, the memory and
// architecture its Lambda runs with (the fusion group's when the step is
// fused: that is the Lambda that runs it), its fusion group, its map width and
// bundle size, and how data reaches it (the data-passing mode of each
// in-edge). A pure function of the plan's Deployment and the emitted IR; the
// graph and the markdown summary both read it, so they cannot disagree.
import { edgeKey, type Deployment } from '../ir/deployment.ts';
import type { IR, StepNode, WidthDistribution } from '../ir/types.ts';
import { defaultDataPassingMode } from '../passes/data-passing-default.ts';
import { topologicalOrder } from '../ir/topological-order.ts';

export interface StepLabel {
  id: string;
  kind: StepNode['kind'];
  functionName?: string;
  /** "1024 MB x86_64", or the Batch job; undefined for choice and join steps. */
  memory?: string;
  fusionGroup?: string;
  /** Map steps: "×16", "×8–32", "×8/16/32". */
  mapWidth?: string;
  /** Map steps: items per invocation (1 when the plan does not bundle). */
  bundleSize?: number;
  /** Map steps: inline or distributed. */
  mapMode?: string;
  /** Data-passing mode of each in-edge, by source step, sorted by source. */
  inEdges: Array<{ from: string; mode: string }>;
  /** Text lines under the title, in the order drawn. */
  lines: string[];
}

/** Every step's label, in a deterministic topological order (sources first, ties by id). */
export function stepLabels(ir: IR, deployment: Deployment): StepLabel[] {
  return topologicalOrder(ir).map((id) => stepLabel(ir, deployment, id));
}

export function stepLabel(ir: IR, deployment: Deployment, id: string): StepLabel {
  const node = ir.graph.node(id);
  const step = deployment.steps[id] ?? {};
  const inEdges = (ir.graph.inEdges(id) ?? [])
    .map((e) => ({ from: e.v, mode: deployment.edges[edgeKey(e.v, id)] ?? defaultDataPassingMode(ir.graph.edge(e.v, id).bytes) }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const label: StepLabel = { id, kind: node.kind, inEdges, lines: [] };
  if (node.kind === 'task' || node.kind === 'map') {
    label.functionName = node.functionName;
    const group = step.fusionGroup ? deployment.groups?.[step.fusionGroup] : undefined;
    const fn = deployment.functions[node.functionName];
    if (group) label.memory = `${group.memoryMb} MB ${group.architecture}`;
    else if (fn?.batch) label.memory = `Batch ${fn.batch.instanceType} (${fn.batch.vcpus} vCPU, ${fn.batch.gpus} GPU)`;
    else if (fn) label.memory = `${fn.memoryMb} MB ${fn.architecture}`;
    if (step.fusionGroup) label.fusionGroup = step.fusionGroup;
    label.lines.push(node.functionName === id ? `${label.memory ?? '?'}` : `${node.functionName} · ${label.memory ?? '?'}`);
    if (node.kind === 'map') {
      label.mapWidth = widthText(node.width);
      label.bundleSize = step.bundleSize ?? 1;
      label.mapMode = step.map?.mode ?? 'inline';
      label.lines.push(`map ${label.mapWidth} · bundle ${label.bundleSize} · ${label.mapMode}`);
    }
    label.lines.push(step.fusionGroup ? `fused in ${step.fusionGroup}` : 'not fused');
    if (step.prewarm) label.lines.push(`prewarm ${step.prewarm}`);
    if (step.warmedBy) label.lines.push(`warmed by ${step.warmedBy}`);
  } else if (node.kind === 'choice') {
    const branches = Object.keys(node.branchProbabilities).sort();
    label.lines.push(`choice: ${branches.map((b) => `${b} ${Math.round(node.branchProbabilities[b]! * 100)}%`).join(', ')}`);
  } else {
    label.lines.push('join (Parallel boundary)');
  }
  label.lines.push(`in: ${inEdgeText(inEdges)}`);
  return label;
}

/** "s3 ×2, inline", or "— (start)" for a step nothing feeds. */
export function inEdgeText(inEdges: ReadonlyArray<{ mode: string }>): string {
  if (inEdges.length === 0) return '— (start)';
  const counts = new Map<string, number>();
  for (const { mode } of inEdges) counts.set(mode, (counts.get(mode) ?? 0) + 1);
  return [...counts.keys()].sort().map((mode) => (counts.get(mode)! > 1 ? `${mode} ×${counts.get(mode)}` : mode)).join(', ');
}

function widthText(width: WidthDistribution): string {
  switch (width.kind) {
    case 'fixed':
      return `×${width.width}`;
    case 'uniform':
      return `×${width.min}–${width.max}`;
    case 'discrete':
      return `×${width.values.join('/')}`;
  }
}
