// Per-step latency and per-function cost, measured with the shared EstimateFn
// on a one-step IR: the step alone (a task, or a map with its width) with its
// function at one configuration. Baselines that reason step by step (critical
// paths, slack budgets, cost increments) get their numbers from the same
// estimator that judges the whole plan, instead of a second model of Lambda.
//
// Assumes: a step's latency and cost do not depend on its neighbours'
// configurations (true of memory sizing; not of fusion or data passing, which
// baselines do not touch), and the cost of a plan is the sum of its steps'
// costs plus terms that do not depend on memory (transitions, requests).
// Complexity: one estimate of a one-node IR per (step, option) asked, cached.
import { Graph } from '@dagrejs/graphlib';
import { edgeKey, type Deployment, type FusionGroup, type Orchestration, type StepDeployment } from '../ir/deployment.ts';
import { innerEdges } from '../ir/inner-edges.ts';
import { invokesFunction, type EdgeData, type IR, type InvokingNode, type Percentile, type StepNode } from '../ir/types.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import { FusedDurationModel } from '../model/fused-duration-model.ts';
import { groupMembers } from '../sim/fused-view.ts';
import type { EstimateFn, EstimateSummary } from './estimator-port.ts';
import { minimumFittingMb } from './memory-options.ts';
import type { ConfigurationOption } from './strategy.ts';

export class StepProbe {
  private readonly cache = new Map<string, EstimateSummary>();
  private readonly groupCache = new Map<string, EstimateSummary | undefined>();
  private readonly stepsOfFunction = new Map<string, string[]>();
  private probes = 0;

  constructor(
    private readonly ir: IR,
    private readonly estimate: EstimateFn,
    /** The orchestration the probes run under (what a step's transitions and a map's iterations cost). */
    private readonly orchestration: Orchestration = 'standard',
  ) {
    for (const id of [...ir.graph.nodes()].sort()) {
      const node = ir.graph.node(id);
      if (!invokesFunction(node)) continue;
      const list = this.stepsOfFunction.get(node.functionName) ?? [];
      list.push(id);
      this.stepsOfFunction.set(node.functionName, list);
    }
  }

  /** Step ids that run this function, sorted. */
  stepsOf(fn: string): readonly string[] {
    return this.stepsOfFunction.get(fn) ?? [];
  }

  /** The estimator's summary of one step run alone at one configuration; undefined for a choice step. */
  step(stepId: string, option: ConfigurationOption, variant?: StepVariant): EstimateSummary | undefined {
    const node = this.ir.graph.node(stepId);
    if (!invokesFunction(node)) return undefined;
    const key = `${stepId}|${option.memoryMb}|${option.architecture}${variant ? variantKey(variant) : ''}`;
    let summary = this.cache.get(key);
    if (!summary) {
      summary = this.estimate(...this.oneStep(node, option, variant));
      this.probes++;
      this.cache.set(key, summary);
    }
    return summary;
  }

  /** One invocation of a function on its own (a task step made up for the probe), as a tuner invoking it would see it. */
  invocation(fn: string, option: ConfigurationOption): EstimateSummary {
    const key = `invoke:${fn}|${option.memoryMb}|${option.architecture}`;
    let summary = this.cache.get(key);
    if (!summary) {
      summary = this.estimate(...this.oneStep({ id: fn, kind: 'task', functionName: fn, outputBytes: 0 }, option));
      this.probes++;
      this.cache.set(key, summary);
    }
    return summary;
  }

  /**
   * Task steps fused into one invocation at one configuration, run alone: the branches of a Parallel state (no
   * path between them), or any convex part of the workflow (a run through a Parallel state: (a | b); c). The
   * edges between members come along, passed in-process; the estimator's fused model runs the members in stages
   * (a member after the members it needs), those of one stage concurrently on the Lambda's vCPUs
   * (src/model/fused-duration-model.ts). Undefined when a stage's summed footprints, with the usual headroom, do
   * not fit the configuration's memory (concurrent members are alive at once).
   */
  parallelGroup(steps: readonly string[], option: ConfigurationOption, profiles: ReadonlyMap<string, FunctionProfile>): EstimateSummary | undefined {
    const key = `${steps.join('+')}|${option.memoryMb}|${option.architecture}`;
    if (this.groupCache.has(key)) return this.groupCache.get(key);
    const graph = new Graph<undefined, StepNode, EdgeData>({ directed: true });
    const functions: IR['functions'] = new Map();
    const configs: Deployment['functions'] = {};
    for (const id of steps) {
      const node = this.ir.graph.node(id);
      if (!invokesFunction(node) || node.kind !== 'task') return undefined;
      graph.setNode(id, node);
      functions.set(node.functionName, this.ir.functions.get(node.functionName)!);
      configs[node.functionName] = { memoryMb: option.memoryMb, architecture: option.architecture };
    }
    const edges: Deployment['edges'] = {};
    for (const [from, to] of innerEdges(this.ir, steps)) {
      graph.setEdge(from, to, this.ir.graph.edge(from, to));
      edges[edgeKey(from, to)] = 'in-process';
    }
    const ir: IR = { ...this.ir, functions, graph };
    const group: FusionGroup = { steps: [...steps], memoryMb: option.memoryMb, architecture: option.architecture };
    let summary: EstimateSummary | undefined;
    const models = groupMembers(ir, group, profiles);
    if (minimumFittingMb(new FusedDurationModel(models).footprintMb) <= option.memoryMb) {
      const id = `probe-group`;
      const stepDeployments: Record<string, StepDeployment> = Object.fromEntries(steps.map((s) => [s, { fusionGroup: id }]));
      summary = this.estimate(ir, { functions: configs, steps: stepDeployments, edges, orchestration: this.orchestration, groups: { [id]: group } });
      this.probes++;
    }
    this.groupCache.set(key, summary);
    return summary;
  }

  /** A step's latency at a percentile when run alone; 0 for a choice step. */
  stepLatencyMs(stepId: string, option: ConfigurationOption, percentile: Percentile): number {
    return this.step(stepId, option)?.latencyMs[percentile] ?? 0;
  }

  /** What one execution of the workflow pays for this function at this option, summed over its steps. */
  functionCostUsd(fn: string, option: ConfigurationOption): number {
    let cost = 0;
    for (const stepId of this.stepsOf(fn)) cost += this.step(stepId, option)!.costUsd;
    return cost;
  }

  /** How many estimates the probe has run (cache misses). */
  probeCount(): number {
    return this.probes;
  }

  private oneStep(node: InvokingNode, option: ConfigurationOption, variant?: StepVariant): [IR, Deployment] {
    const graph = new Graph<undefined, StepNode, EdgeData>({ directed: true });
    graph.setNode(node.id, node);
    const fn = this.ir.functions.get(node.functionName)!;
    const ir: IR = { ...this.ir, functions: new Map([[fn.name, fn]]), graph };
    const steps: Record<string, StepDeployment> = {};
    if (variant && (variant.bundleSize > 1 || variant.distributed || variant.warmedBy !== undefined)) {
      steps[node.id] = {
        ...(variant.bundleSize > 1 ? { bundleSize: variant.bundleSize } : {}),
        ...(variant.distributed ? { map: { mode: 'distributed' as const, maxConcurrency: 0 } } : {}),
        // The pinging step is not in the probe's one-step IR: the estimator only reads that the step is pinged (never cold, the pings billed).
        ...(variant.warmedBy !== undefined ? { warmedBy: variant.warmedBy } : {}),
      };
    }
    const deployment: Deployment = {
      functions: { [fn.name]: { memoryMb: option.memoryMb, architecture: option.architecture } },
      steps,
      edges: {},
      orchestration: this.orchestration,
    };
    return [ir, deployment];
  }
}

/** A variant's part of a probe's cache key (bundle size, map mode, pinged or not). */
export function variantKey(variant: StepVariant): string {
  return `|${variant.bundleSize}|${variant.distributed ? 'd' : 'i'}${variant.warmedBy !== undefined ? '|p' : ''}`;
}

/** How a step is run besides its function's configuration: for a map items per invocation and Inline or Distributed Map; warmed by pings or not. */
export interface StepVariant {
  bundleSize: number;
  distributed: boolean;
  /** The step whose Lambda sends this step's warm-up pings (Xanadu): its invocations are never cold, each ping billed. */
  warmedBy?: string;
}
