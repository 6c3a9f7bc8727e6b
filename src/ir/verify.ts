// verify(ir) checks every IR invariant and returns all violations (empty when
// sound). It runs after building the IR and, in tests, after every pass, so a
// broken invariant is caught at the pass that broke it. O(V + E).
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { irDiagnostics } from '../diagnostics/ir.ts';
import { findCycle } from '../spec/find-cycle.ts';
import { invokesFunction, type IR, type StepNode, type WidthDistribution } from './types.ts';

const MIN_MEMORY_MB = 128;
const MAX_MEMORY_MB = 10_240;
const MAX_TIMEOUT_MS = 900_000;
const TOLERANCE = 1e-9;

export function verify(ir: IR): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { graph } = ir;
  if (graph.nodeCount() === 0) diagnostics.push(irDiagnostics.empty());
  const cycle = findCycle(new Map(graph.nodes().map((id) => [id, graph.successors(id)!])));
  if (cycle) diagnostics.push(irDiagnostics.cyclic(cycle));
  for (const key of [...graph.nodes()].sort()) {
    const node = graph.node(key) as StepNode | undefined;
    if (!node) {
      diagnostics.push(irDiagnostics.danglingNode(key));
      continue;
    }
    if (node.id !== key) diagnostics.push(irDiagnostics.idMismatch(key, node.id));
    if (!isNonNegativeFinite(node.outputBytes)) diagnostics.push(irDiagnostics.badUnits(`step '${key}'`, `outputBytes ${node.outputBytes}`));
    if (invokesFunction(node) && !ir.functions.has(node.functionName)) diagnostics.push(irDiagnostics.unknownFunction(key, node.functionName));
    if (node.kind === 'map') {
      const problem = widthProblem(node.width);
      if (problem) diagnostics.push(irDiagnostics.badWidth(key, problem));
      if (!Number.isInteger(node.maxConcurrency) || node.maxConcurrency < 0) diagnostics.push(irDiagnostics.badWidth(key, `maxConcurrency ${node.maxConcurrency}`));
    }
    if (node.kind === 'choice') diagnostics.push(...choiceProblems(ir, node));
  }
  for (const edge of graph.edges()) {
    const data = graph.edge(edge);
    if (!data || !isNonNegativeFinite(data.bytes)) diagnostics.push(irDiagnostics.badUnits(`edge ${edge.v} → ${edge.w}`, `bytes ${data?.bytes}`));
  }
  for (const [name, fn] of [...ir.functions].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (fn.name !== name) diagnostics.push(irDiagnostics.badUnits(`function '${name}'`, `carries name '${fn.name}'`));
    if (!Number.isInteger(fn.memoryMb) || fn.memoryMb < MIN_MEMORY_MB || fn.memoryMb > MAX_MEMORY_MB) {
      diagnostics.push(irDiagnostics.badUnits(`function '${name}'`, `memoryMb ${fn.memoryMb} outside ${MIN_MEMORY_MB}–${MAX_MEMORY_MB}`));
    }
    if (!(fn.timeoutMs > 0 && fn.timeoutMs <= MAX_TIMEOUT_MS)) diagnostics.push(irDiagnostics.badUnits(`function '${name}'`, `timeoutMs ${fn.timeoutMs}`));
    if (fn.architectures.length === 0) diagnostics.push(irDiagnostics.badUnits(`function '${name}'`, 'no architecture'));
  }
  return diagnostics;
}

function choiceProblems(ir: IR, node: Extract<StepNode, { kind: 'choice' }>): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const branches = Object.keys(node.branchProbabilities).sort();
  const successors = [...ir.graph.successors(node.id)!].sort();
  if (branches.join('\0') !== successors.join('\0')) {
    problems.push(irDiagnostics.badChoice(node.id, `branches [${branches.join(', ')}] are not its successors [${successors.join(', ')}]`));
  }
  const probabilities = Object.values(node.branchProbabilities);
  const sum = probabilities.reduce((a, b) => a + b, 0);
  if (probabilities.some((p) => !(p >= 0 && p <= 1)) || Math.abs(sum - 1) > TOLERANCE) {
    problems.push(irDiagnostics.badChoice(node.id, `probabilities sum to ${sum}`));
  }
  return problems;
}

function widthProblem(width: WidthDistribution): string | undefined {
  const positiveInt = (n: number) => Number.isInteger(n) && n >= 1;
  switch (width.kind) {
    case 'fixed':
      return positiveInt(width.width) ? undefined : `width ${width.width}`;
    case 'uniform':
      return positiveInt(width.min) && positiveInt(width.max) && width.min <= width.max ? undefined : `uniform ${width.min}..${width.max}`;
    case 'discrete': {
      const sum = width.probabilities.reduce((a, b) => a + b, 0);
      const ok = width.values.length > 0 && width.values.length === width.probabilities.length && width.values.every(positiveInt) && Math.abs(sum - 1) <= TOLERANCE;
      return ok ? undefined : `discrete values [${width.values.join(', ')}] probabilities [${width.probabilities.join(', ')}]`;
    }
  }
}

function isNonNegativeFinite(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}
