// The floor of the exhaustive structural search's cost bound
// (exhaustive-structural.ts): what every plan of one (orchestration, fusion
// partition) pays beyond its units' probes, whatever options the units take.
// A unit's probe (structural-units.ts) runs its steps alone: no edges, and
// under Express without the workflow's own bill. Left out of it, and bounded
// here from below in every plan of the partition:
// - S3 requests. Edge modes are the deployment's (the data-passing pass's: S3
//   where a payload passes the state limit), the same in every plan; an edge
//   inside a group is in-process, and the edges into or out of a group merge
//   into one hop (src/sim/fused-view.ts, which this reuses). So the hops are a
//   function of the partition alone. The estimator charges them as
//   src/sim/s3-hops.ts says (a writer's one PUT per run, each reader's GET),
//   counted on an edge whenever both its ends run: probability
//   min(p(from), p(to)) on a series-parallel tree, where one end's runs
//   contain the other's. The floor is that expectation.
// - Standard: each Choice state's transition (no probe holds one).
// - AWS Batch steps (not units: the accelerator pass configured them, the
//   same in every plan): each estimated alone once with its deployment.
// - Express: the workflow's request, and its duration: 64 MB for each
//   execution's latency rounded up to 100 ms, so at least its latency. An
//   execution lasts at least the sum, along any chain of the contracted graph,
//   of the run latencies of the chain's steps that ran (a step starts after
//   its predecessors that ran have finished; its run latency — dispatch, cold
//   start, its invocations — is drawn as when probed alone, plus a Parallel
//   branch's stagger). In expectation: E[latency] ≥ max over chains of
//   Σ p(step)·E[run latency], and meanLatencyFloorMs bounds each E[run
//   latency] from the step's probe. The search passes the chosen option's
//   floors for decided units and the least over the options for the others;
//   the longest chain only grows with them, so it bounds every completion.
// The terms mirror how src/sim's Monte Carlo estimator bills; the search uses
// the floor only when the probes report Monte Carlo error (a closed-form
// estimator may bill no S3 or Step Functions, and the floor would overshoot).
// Each term is exact or a bound in expectation; in sample, plans draw
// different choices and durations, and that Monte Carlo noise is what the
// search's BOUND_SLACK absorbs, as for the probes themselves.
// Complexity: O(V + E) to build per partition, O(V + E) per longest chain.
import { Graph } from '@dagrejs/graphlib';
import type { Deployment, Orchestration } from '../ir/deployment.ts';
import { topologicalOrder } from '../ir/topological-order.ts';
import { invokesFunction, type EdgeData, type IR, type StepNode } from '../ir/types.ts';
import { expressUsdPerBilledMs, pricesFor, STEP_FUNCTIONS_LIMITS } from '../model/platform.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { EstimateFn, EstimateSummary } from '../passes/estimator-port.ts';
import { fusedView, hasGroups } from '../sim/fused-view.ts';
import { hopContext, s3Hop } from '../sim/s3-hops.ts';

/** What each term of a partition's floor adds per execution (the log shows them). */
export interface FloorParts {
  s3Usd: number;
  choiceTransitionsUsd: number;
  batchUsd: number;
  expressRequestUsd: number;
}

export interface FloorInput {
  ir: IR;
  profiles: ReadonlyMap<string, FunctionProfile>;
  /** Any plan of the partition (its groups and edge modes; the options do not matter). */
  deployment: Deployment;
  /** How often each step runs per execution (run-probability.ts). */
  probability: ReadonlyMap<string, number>;
  /** The Batch steps' cost, as fixedStepsUsd gives it. */
  batchUsd: number;
}

export class PartitionFloor {
  /** Paid by every plan of the partition whatever its units' options. */
  readonly fixedUsd: number;
  /** Express: the duration price of one millisecond of mean execution latency; 0 under Standard. */
  readonly usdPerMeanMs: number;
  readonly parts: FloorParts;
  /** The contracted graph's nodes (step ids; a group's id), topological. */
  readonly nodes: readonly string[];
  private readonly index: Map<string, number>;
  private readonly preds: number[][];
  private readonly weight: Float64Array;

  constructor(input: FloorInput) {
    const { ir, deployment } = hasGroups(input.deployment) ? fusedView(input.ir, input.deployment, input.profiles) : input;
    const prices = pricesFor(ir.region);
    const memberOf = new Map<string, string>();
    for (const [id, group] of Object.entries(input.deployment.groups ?? {})) memberOf.set(id, group.steps[0]!);
    // A group runs when its first member does; a node the tree does not list (a join) runs when what it links runs.
    const p = (id: string) => input.probability.get(memberOf.get(id) ?? id) ?? 1;
    this.nodes = topologicalOrder(ir);
    this.index = new Map(this.nodes.map((id, i) => [id, i] as const));
    this.preds = this.nodes.map((id) => (ir.graph.predecessors(id) ?? []).map((u) => this.index.get(u)!));
    this.weight = Float64Array.from(this.nodes, p);
    let s3Usd = 0;
    // The estimator's S3 requests (s3-hops.ts), each edge weighted by how often it is taken: as often as its
    // source runs, or its branch when the source is a choice.
    const hops = hopContext(ir, deployment);
    for (const { v, w } of ir.graph.edges()) {
      const { puts, gets } = s3Hop(hops, v, w, ir.graph.edge(v, w).bytes);
      s3Usd += Math.min(p(v), p(w)) * (puts * prices.s3PutUsd + gets * prices.s3GetUsd);
    }
    const express = deployment.orchestration === 'express';
    let choiceTransitionsUsd = 0;
    if (!express) for (const id of this.nodes) if (ir.graph.node(id).kind === 'choice') choiceTransitionsUsd += p(id) * prices.standardTransitionUsd;
    const expressRequestUsd = express ? prices.expressRequestUsd : 0;
    this.parts = { s3Usd, choiceTransitionsUsd, batchUsd: input.batchUsd, expressRequestUsd };
    this.fixedUsd = s3Usd + choiceTransitionsUsd + input.batchUsd + expressRequestUsd;
    this.usdPerMeanMs = express ? expressUsdPerBilledMs(ir.region) : 0;
  }

  /** The node index of a step or group id, undefined when the partition contracted it away. */
  nodeOf(id: string): number | undefined {
    return this.index.get(id);
  }

  get size(): number {
    return this.nodes.length;
  }

  /** The longest chain of Σ p(node)·meanMs[node] (a node without a unit weighs 0). */
  longestMeanMs(meanMs: Float64Array): number {
    const reach = new Float64Array(this.nodes.length);
    let longest = 0;
    for (let i = 0; i < this.nodes.length; i += 1) {
      let before = 0;
      for (const u of this.preds[i]!) if (reach[u]! > before) before = reach[u]!;
      reach[i] = before + this.weight[i]! * meanMs[i]!;
      if (reach[i]! > longest) longest = reach[i]!;
    }
    return longest;
  }

  /** The floor with these mean-latency floors per node. */
  usd(meanMs: Float64Array): number {
    return this.fixedUsd + (this.usdPerMeanMs > 0 ? this.usdPerMeanMs * this.longestMeanMs(meanMs) : 0);
  }
}


/**
 * A lower bound of the mean of a probe's latency. From its quantiles: with n samples sorted, the sample
 * quantile q is the ⌈q·n⌉-th, so at least ⌈0.9n⌉ − ⌈0.5n⌉ samples are ≥ p50, ⌈0.95n⌉ − ⌈0.9n⌉ more ≥ p90, and so
 * on, and none is negative. And, for an Express probe of a step without child executions (no Distributed Map),
 * from its duration bill: the mean billed latency (each rounded up to 100 ms) less 100 ms. The larger of the two.
 */
export function meanLatencyFloorMs(summary: EstimateSummary, expressDuration?: { region: string }): number {
  const l = summary.latencyMs;
  const n = summary.monteCarlo?.samples;
  let fromQuantiles: number;
  if (n) {
    const c = (q: number) => Math.ceil(q * n);
    fromQuantiles = ((c(0.9) - c(0.5)) * l.p50 + (c(0.95) - c(0.9)) * l.p90 + (c(0.99) - c(0.95)) * l.p95 + (n - c(0.99) + 1) * l.p99) / n;
  } else {
    // A closed-form estimator (tests): the same bound on the distribution itself.
    fromQuantiles = 0.4 * l.p50 + 0.05 * l.p90 + 0.04 * l.p95 + 0.01 * l.p99;
  }
  if (!expressDuration) return fromQuantiles;
  const prices = pricesFor(expressDuration.region);
  const billedMeanMs = (summary.breakdown.stepFunctionsUsd - prices.expressRequestUsd) / expressUsdPerBilledMs(expressDuration.region);
  return Math.max(fromQuantiles, billedMeanMs - STEP_FUNCTIONS_LIMITS.expressBillingGranularityMs);
}

/**
 * The AWS Batch steps' cost per execution (weighted by how often each runs): each estimated alone with its
 * deployment, the same in every plan. Under Express the probe's Step Functions bill is left out (the floor
 * counts the workflow's own). Returns the dollars and how many estimates it ran.
 */
export function fixedStepsUsd(ir: IR, base: Deployment, orchestration: Orchestration, probability: ReadonlyMap<string, number>, estimate: EstimateFn): { usd: number; estimates: number } {
  let usd = 0;
  let estimates = 0;
  for (const id of [...ir.graph.nodes()].sort()) {
    const node = ir.graph.node(id);
    if (!invokesFunction(node)) continue;
    const config = base.functions[node.functionName];
    if (!config?.batch) continue;
    const graph = new Graph<undefined, StepNode, EdgeData>({ directed: true });
    graph.setNode(id, node);
    const summary = estimate(
      { ...ir, functions: new Map([[node.functionName, ir.functions.get(node.functionName)!]]), graph },
      { functions: { [node.functionName]: config }, steps: base.steps[id] ? { [id]: base.steps[id]! } : {}, edges: {}, orchestration },
    );
    estimates += 1;
    usd += (probability.get(id) ?? 1) * (summary.costUsd - summary.breakdown.s3Usd - (orchestration === 'express' ? summary.breakdown.stepFunctionsUsd : 0));
  }
  return { usd, estimates };
}
