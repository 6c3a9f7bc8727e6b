// An estimate's workflow, planned and compiled: the graph's skeleton
// (estimate-skeleton.ts, once per graph), every in-edge's hop for this
// deployment (s3-hops.ts), every step's plan (plan-steps.ts) and the flat
// arrays the sampling loop reads (compiled-workflow.ts).
// A step's plan depends on its own deployment (its function's memory,
// architecture and Batch job; its bundle size, map mode and concurrency,
// prewarm and warm-up ping) and on the estimate's context (profiles, prices,
// dispatch tables, cold odds), never on its neighbours'. So the plans of the
// last estimates of a graph are kept, per context, and a step whose own
// deployment is what it was is not planned again: a search's estimates differ
// in a few functions' settings, and planning 10k steps (samplers, tables,
// prices) was most of a large workflow's short estimate. The duration tables
// the plans draw from are kept with them (table-arena.ts). A reused plan is the
// object planStep made for the same inputs, so the numbers are the same
// (test/sim/plan-workflow.test.ts). Fused views (fusion groups) are planned
// afresh: their IR is made per estimate.
// Complexity: O(V + E) per estimate, plus planStep for each step whose deployment changed.
import type { Deployment, StepDeployment } from '../ir/deployment.ts';
import type { Architecture } from '../ir/types.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { RegionPrices } from '../model/platform.ts';
import { compileWorkflow, type CompiledWorkflow } from './compiled-workflow.ts';
import { estimateSkeleton } from './estimate-skeleton.ts';
import { planStep, type PlanContext, type PlannedStep } from './plan-steps.ts';
import { workflowHops } from './s3-hops.ts';
import { TableArena } from './table-arena.ts';

export interface PlannedWorkflow {
  steps: readonly PlannedStep[];
  workflow: CompiledWorkflow;
}

export function planWorkflow(context: PlanContext): PlannedWorkflow {
  const skeleton = estimateSkeleton(context.ir);
  const hops = workflowHops(context.hops, skeleton);
  const reuse = context.models ? undefined : plansFor(context);
  const n = skeleton.order.length;
  const steps: PlannedStep[] = new Array(n);
  const { deployment } = context;
  for (let i = 0; i < n; i += 1) {
    if (!reuse) {
      steps[i] = planStep(context, skeleton, i);
      continue;
    }
    const id = skeleton.order[i]!;
    const node = skeleton.nodes[i]!;
    const own = deployment.steps[id];
    const config = node.kind === 'task' || node.kind === 'map' ? deployment.functions[node.functionName] : undefined;
    const kept = reuse.byStep[i];
    if (kept && sameInputs(kept, own, config)) {
      steps[i] = kept.plan;
      continue;
    }
    const plan = planStep(context, skeleton, i);
    reuse.byStep[i] = inputsOf(plan, own, config);
    steps[i] = plan;
  }
  const edges = { predStart: skeleton.predStart, predFrom: skeleton.predFrom, transferMs: hops.transferMs, puts: hops.puts, gets: hops.gets };
  const workflow = compileWorkflow(steps, context.dispatch, edges, reuse?.tables ?? new TableArena());
  return { steps, workflow };
}

/** A kept plan and the step's own deployment it was made for. */
interface KeptPlan {
  plan: PlannedStep;
  memoryMb: number | undefined;
  architecture: Architecture | undefined;
  batchInstanceType: string | undefined;
  prewarm: number | undefined;
  bundleSize: number | undefined;
  mapMode: string | undefined;
  maxConcurrency: number | undefined;
  warmedBy: string | undefined;
}

type FunctionConfig = Deployment['functions'][string];

function inputsOf(plan: PlannedStep, own: StepDeployment | undefined, config: FunctionConfig | undefined): KeptPlan {
  return {
    plan,
    memoryMb: config?.memoryMb,
    architecture: config?.architecture,
    batchInstanceType: config?.batch?.instanceType,
    prewarm: own?.prewarm,
    bundleSize: own?.bundleSize,
    mapMode: own?.map?.mode,
    maxConcurrency: own?.map?.maxConcurrency,
    warmedBy: own?.warmedBy,
  };
}

function sameInputs(kept: KeptPlan, own: StepDeployment | undefined, config: FunctionConfig | undefined): boolean {
  return (
    kept.memoryMb === config?.memoryMb &&
    kept.architecture === config?.architecture &&
    kept.batchInstanceType === config?.batch?.instanceType &&
    kept.prewarm === own?.prewarm &&
    kept.bundleSize === own?.bundleSize &&
    kept.mapMode === own?.map?.mode &&
    kept.maxConcurrency === own?.map?.maxConcurrency &&
    kept.warmedBy === own?.warmedBy
  );
}

/** The plans kept for one graph under one context: what every step's plan reads besides its own deployment. */
interface KeptPlans {
  profiles: ReadonlyMap<string, FunctionProfile>;
  prices: RegionPrices;
  dispatch: Float64Array;
  coldProbability: number;
  pingColdProbability: number | undefined;
  untimedEntries: boolean;
  byStep: Array<KeptPlan | undefined>;
  /** The tables the kept plans draw from, so that a reused plan's are not copied again. */
  tables: TableArena;
}

/** Contexts kept per graph (Standard and Express, the optimizer's and a verdict's estimator) before the oldest is dropped. */
const CONTEXTS_KEPT = 4;
const keptByGraph = new WeakMap<object, { nodes: number; edges: number; contexts: KeptPlans[] }>();

function plansFor(context: PlanContext): KeptPlans {
  const { graph } = context.ir;
  let kept = keptByGraph.get(graph);
  // A graph still being built (tests, builders) never sees plans from before (as graph-memo.ts).
  if (!kept || kept.nodes !== graph.nodeCount() || kept.edges !== graph.edgeCount()) keptByGraph.set(graph, (kept = { nodes: graph.nodeCount(), edges: graph.edgeCount(), contexts: [] }));
  const found = kept.contexts.find(
    (c) =>
      c.profiles === context.profiles &&
      c.prices === context.prices &&
      c.dispatch === context.dispatch &&
      c.coldProbability === context.coldProbability &&
      c.pingColdProbability === context.pingColdProbability &&
      c.untimedEntries === context.untimedEntries,
  );
  if (found) return found;
  const fresh: KeptPlans = {
    profiles: context.profiles,
    prices: context.prices,
    dispatch: context.dispatch,
    coldProbability: context.coldProbability,
    pingColdProbability: context.pingColdProbability,
    untimedEntries: context.untimedEntries,
    byStep: [],
    tables: new TableArena(),
  };
  kept.contexts.push(fresh);
  if (kept.contexts.length > CONTEXTS_KEPT) kept.contexts.shift();
  return fresh;
}
