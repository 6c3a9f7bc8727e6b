// The levels of the exhaustive structural search (exhaustive-structural.ts):
// for one orchestration type and one fusion partition, the Lambdas a plan
// deploys ("units": each fusion group, and each function that still runs
// unfused steps) with every option each may take, the lower bound of each
// option's cost, and the plan a choice of one option per unit makes.
// - A function's option is a configuration × a variant per unfused map step
//   (dagc's mapVariants); its cost bound is its steps probed alone with the
//   shared estimator, weighted by how often each runs.
// - A group's option is a configuration every member can take whose memory
//   holds the fused footprint (a stage's members are alive at once); its
//   cost bound is the group probed alone (one invocation, the fused model).
// - Under Express a probe's Step Functions part is left out of the bound
//   (the workflow pays one request and one duration, not one per step);
//   instead each option carries a lower bound of each of its nodes' mean
//   latency, from which the search's floor (structural-floor.ts) bounds the
//   workflow's duration bill along its longest chain.
// Probes are cached per (orchestration, step or group, option).
// Complexity: O(configurations × Π variants per map step) probes per unit.
import { Graph } from '@dagrejs/graphlib';
import { edgeKey, type DataPassingMode, type Deployment, type FunctionDeployment, type FusionGroup, type Orchestration, type StepDeployment } from '../ir/deployment.ts';
import { innerEdges } from '../ir/inner-edges.ts';
import { invokesFunction, type EdgeData, type FunctionInfo, type IR, type Percentile, type StepNode } from '../ir/types.ts';
import { maxWidth } from '../ir/width.ts';
import { FusedDurationModel } from '../model/fused-duration-model.ts';
import { LAMBDA_LIMITS, mapConcurrencyLimit } from '../model/platform.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import { groupMembers } from '../sim/fused-view.ts';
import type { EstimateFn, EstimateSummary } from '../passes/estimator-port.ts';
import { chooseDataPassing } from '../passes/data-passing.ts';
import { minimumFittingMb } from '../passes/memory-options.ts';
import { StepProbe, type StepVariant } from '../passes/step-probe.ts';
import { FUSED_DURATION_HEADROOM, FUSION_GROUP_PREFIX, mapVariants, type StructuralOptions } from '../passes/structural-options.ts';
import type { ConfigurationOption } from '../passes/strategy.ts';
import type { FusionPartition } from './fusion-partitions.ts';
import { meanLatencyFloorMs } from './structural-floor.ts';

export interface UnitOption {
  config: ConfigurationOption;
  /** One variant per unfused map step of the function (none for a group). */
  variants: Array<[string, StepVariant]>;
}

export interface Unit {
  label: string;
  /** The function whose unfused steps this unit deploys, or undefined for a group. */
  fn?: string;
  /** A group's members in topological order. */
  group?: string[];
  /** Sorted by cost bound, cheapest first (stable). */
  options: UnitOption[];
  costsUsd: number[];
  /** Per option, its steps' latency quantiles (p50, p90, p95, p99, max of each step probed alone), for dominance. */
  latencies: number[][];
  /**
   * Per option, a lower bound of the mean run latency of each of its nodes (a step, or the group) probed alone
   * (structural-floor.ts meanLatencyFloorMs): what the floor's Express duration term adds up along chains.
   */
  meansMs: Array<Array<[string, number]>>;
  /** The option whose steps' latencies at the SLO's percentile sum lowest. */
  fastest: UnitOption;
  /** Options dropped because another is no dearer and no slower at any quantile of any step. */
  dominated: number;
}

type Row = { option: UnitOption; costUsd: number; latencyMs: number; quantilesMs: number[]; meansMs: Array<[string, number]> };

/** True when every quantile of a is at most b's. */
export function noSlower(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i]! > b[i]!) return false;
  return true;
}

function quantiles(summary: EstimateSummary): number[] {
  const l = summary.latencyMs;
  return [l.p50, l.p90, l.p95, l.p99, l.max];
}

export interface UnitsContext {
  ir: IR;
  profiles: ReadonlyMap<string, FunctionProfile>;
  estimate: EstimateFn;
  base: Deployment;
  options: ReadonlyMap<string, readonly ConfigurationOption[]>;
  probability: ReadonlyMap<string, number>;
  order: ReadonlyMap<string, number>;
  bundleSizes: readonly number[] | undefined;
  variantOptions: StructuralOptions;
  percentile: Percentile;
  /** Keep dominated options (a brute-force check walks the whole space). */
  keepDominated?: boolean;
}

export class StructuralUnits {
  private readonly probes = new Map<Orchestration, StepProbe>();
  private readonly groupCache = new Map<string, EstimateSummary>();
  private readonly unitCache = new Map<string, Unit>();
  private readonly edgeCache = new Map<string, Record<string, DataPassingMode>>();
  private groupProbes = 0;
  private unsampled = 0;

  constructor(private readonly ctx: UnitsContext) {}

  /**
   * Whether every probe so far came from a sampling estimator (one that reports its Monte Carlo error: src/sim's),
   * whose bill — S3 per hop, Express per execution — the search's floor (structural-floor.ts) mirrors.
   */
  sampled(): boolean {
    return this.unsampled === 0;
  }

  probeCount(): number {
    let n = this.groupProbes;
    for (const probe of this.probes.values()) n += probe.probeCount();
    return n;
  }

  /** The units of a plan under this orchestration and partition, widest cost spread first (ties by label). */
  levels(orchestration: Orchestration, partition: FusionPartition): Unit[] {
    const { ir, base } = this.ctx;
    const fused = new Set(partition.flat());
    const unfused = new Map<string, string[]>();
    for (const id of [...ir.graph.nodes()].sort()) {
      const node = ir.graph.node(id);
      if (!invokesFunction(node) || fused.has(id) || base.functions[node.functionName]?.batch) continue;
      unfused.set(node.functionName, [...(unfused.get(node.functionName) ?? []), id]);
    }
    const units = [
      ...partition.map((g) => this.groupUnit(orchestration, [...g].sort((a, b) => this.ctx.order.get(a)! - this.ctx.order.get(b)!))),
      ...[...unfused].map(([fn, steps]) => this.functionUnit(orchestration, fn, steps)),
    ];
    const spread = (u: Unit) => (u.costsUsd.at(-1) ?? 0) - (u.costsUsd[0] ?? 0);
    return units.sort((a, b) => spread(b) - spread(a) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }

  /** The plan with one option per unit (levels[i] takes picks[i]); edges inside a group in-process. */
  deployment(orchestration: Orchestration, levels: readonly Unit[], picks: readonly UnitOption[]): Deployment {
    const functions: Record<string, FunctionDeployment> = { ...this.ctx.base.functions };
    const steps: Record<string, StepDeployment> = { ...this.ctx.base.steps };
    const edges: Record<string, DataPassingMode> = { ...this.ctx.base.edges };
    const groups: Record<string, FusionGroup> = {};
    levels.forEach((unit, i) => {
      const { config, variants } = picks[i]!;
      if (unit.group) {
        const id = groupId(unit.group);
        groups[id] = { steps: [...unit.group], memoryMb: config.memoryMb, architecture: config.architecture };
        for (const step of unit.group) steps[step] = { ...steps[step], fusionGroup: id };
        for (const [from, to] of innerEdges(this.ctx.ir, unit.group)) edges[edgeKey(from, to)] = 'in-process';
      } else {
        functions[unit.fn!] = { ...functions[unit.fn!]!, memoryMb: config.memoryMb, architecture: config.architecture };
        for (const [step, v] of variants) steps[step] = withVariant(steps[step], v);
      }
    });
    const { groups: _none, ...rest } = this.ctx.base;
    const plan: Deployment = { ...rest, functions, steps, edges, orchestration, ...(Object.keys(groups).length > 0 ? { groups } : {}) };
    return Object.keys(groups).length > 0 ? { ...plan, edges: this.groupedEdges(plan) } : plan;
  }

  /**
   * A fused plan's edge modes as the pipeline emits them (its data-passing pass after sizing): a group receives all
   * its members' inputs in one payload, so inputs that fit each member apart may pass the state limit together and
   * go through S3 — slower and dearer than the inline hop a plan judged with the pre-fusion modes assumed (eight
   * rebase steps fused in sebs-excamera receive 8 × 64 KB). Depends on the groups only: kept per partition.
   */
  private groupedEdges(plan: Deployment): Record<string, DataPassingMode> {
    const key = Object.values(plan.groups ?? {}).map((g) => g.steps.join(',')).sort().join('|');
    let edges = this.edgeCache.get(key);
    if (!edges) {
      edges = chooseDataPassing(this.ctx.ir, plan, { changesOnly: true }).edges;
      this.edgeCache.set(key, edges);
    }
    return edges;
  }

  private functionUnit(orchestration: Orchestration, fn: string, steps: readonly string[]): Unit {
    const key = `${orchestration}|f|${fn}|${steps.join(',')}`;
    const cached = this.unitCache.get(key);
    if (cached) return cached;
    const { ir, percentile } = this.ctx;
    const probe = this.probe(orchestration);
    const mapSteps = steps.filter((s) => ir.graph.node(s).kind === 'map');
    const variantLists = mapSteps.map((s) => mapVariants(ir, s, orchestration, this.ctx.variantOptions).filter((v) => !this.ctx.bundleSizes || this.ctx.bundleSizes.includes(v.bundleSize)));
    const rows: Row[] = [];
    for (const config of this.ctx.options.get(fn) ?? []) {
      for (const combo of product(variantLists)) {
        const variantOf = new Map(mapSteps.map((s, i) => [s, combo[i]!] as const));
        let costUsd = 0;
        let latencyMs = 0;
        let tooLong = false;
        const quantilesMs: number[] = [];
        const meansMs: Array<[string, number]> = [];
        for (const step of steps) {
          const v = variantOf.get(step);
          const summary = probe.step(step, config, v && (v.bundleSize > 1 || v.distributed) ? v : undefined)!;
          if (!summary.monteCarlo) this.unsampled++;
          costUsd += (this.ctx.probability.get(step) ?? 1) * boundUsd(summary, orchestration);
          latencyMs += summary.latencyMs[percentile];
          quantilesMs.push(...quantiles(summary));
          // A Distributed Map's child executions share the Express bill: only its quantiles bound its mean.
          meansMs.push([step, meanLatencyFloorMs(summary, orchestration === 'express' && !v?.distributed ? { region: ir.region } : undefined)]);
          if (v && summary.latencyMs[percentile] / wavesOf(ir, step, v) > LAMBDA_LIMITS.maxTimeoutMs) tooLong = true;
        }
        if (!tooLong) rows.push({ option: { config, variants: mapSteps.map((s) => [s, variantOf.get(s)!] as [string, StepVariant]) }, costUsd, latencyMs, quantilesMs, meansMs });
      }
    }
    return this.remember(key, fn, undefined, rows);
  }

  private groupUnit(orchestration: Orchestration, members: string[]): Unit {
    const key = `${orchestration}|g|${members.join(',')}`;
    const cached = this.unitCache.get(key);
    if (cached) return cached;
    const { ir, profiles, percentile } = this.ctx;
    const functions = members.map((s) => (ir.graph.node(s) as { functionName: string }).functionName);
    const common = (this.ctx.options.get(functions[0]!) ?? []).filter((o) => functions.every((fn) => (this.ctx.options.get(fn) ?? []).some((p) => p.memoryMb === o.memoryMb && p.architecture === o.architecture)));
    const rows: Row[] = [];
    for (const config of common) {
      const footprint = new FusedDurationModel(groupMembers(ir, { steps: members, ...config }, profiles)).footprintMb;
      if (config.memoryMb < minimumFittingMb(footprint)) continue;
      const summary = this.groupProbe(orchestration, members, config);
      if (!summary.monteCarlo) this.unsampled++;
      if (summary.latencyMs.p99 > FUSED_DURATION_HEADROOM * LAMBDA_LIMITS.maxTimeoutMs) continue;
      rows.push({ option: { config, variants: [] }, costUsd: (this.ctx.probability.get(members[0]!) ?? 1) * boundUsd(summary, orchestration), latencyMs: summary.latencyMs[percentile], quantilesMs: quantiles(summary), meansMs: [[groupId(members), meanLatencyFloorMs(summary, orchestration === 'express' ? { region: ir.region } : undefined)]] });
    }
    return this.remember(key, undefined, members, rows);
  }

  private remember(key: string, fn: string | undefined, group: string[] | undefined, all: Row[]): Unit {
    // An option no cheaper and no faster (at every quantile of every step) than another never has to be tried:
    // swapping it for the other keeps a plan within the SLO and no dearer. Equal rows keep the first.
    const rows = this.ctx.keepDominated ? all : all.filter((b, j) => !all.some((a, i) => i !== j && a.costUsd <= b.costUsd && noSlower(a.quantilesMs, b.quantilesMs) && (i < j || a.costUsd < b.costUsd || !noSlower(b.quantilesMs, a.quantilesMs))));
    const sorted = rows.map((r, i) => ({ ...r, i })).sort((a, b) => a.costUsd - b.costUsd || a.i - b.i);
    let fastest = rows[0];
    for (const r of rows) if (r.latencyMs < fastest!.latencyMs) fastest = r;
    const unit: Unit = {
      label: group ? groupId(group) : fn!,
      ...(fn !== undefined ? { fn } : {}),
      ...(group ? { group } : {}),
      options: sorted.map((r) => r.option),
      costsUsd: sorted.map((r) => r.costUsd),
      latencies: sorted.map((r) => r.quantilesMs),
      meansMs: sorted.map((r) => r.meansMs),
      dominated: all.length - rows.length,
      fastest: fastest?.option ?? { config: { memoryMb: 0, architecture: 'x86_64' }, variants: [] },
    };
    this.unitCache.set(key, unit);
    return unit;
  }

  private probe(orchestration: Orchestration): StepProbe {
    let probe = this.probes.get(orchestration);
    if (!probe) {
      probe = new StepProbe(this.ctx.ir, this.ctx.estimate, orchestration);
      this.probes.set(orchestration, probe);
    }
    return probe;
  }

  /** One fusion group run alone: its members and inner edges, fused at one configuration. */
  private groupProbe(orchestration: Orchestration, members: string[], config: ConfigurationOption): EstimateSummary {
    const key = `${orchestration}|${members.join(',')}|${config.memoryMb}|${config.architecture}`;
    const cached = this.groupCache.get(key);
    if (cached) return cached;
    const { ir } = this.ctx;
    const graph = new Graph<undefined, StepNode, EdgeData>({ directed: true });
    const functions = new Map<string, FunctionInfo>();
    const deployed: Record<string, FunctionDeployment> = {};
    const id = groupId(members);
    const steps: Record<string, StepDeployment> = {};
    for (const step of members) {
      const node = ir.graph.node(step);
      graph.setNode(step, node);
      steps[step] = { fusionGroup: id };
      if (invokesFunction(node)) {
        functions.set(node.functionName, ir.functions.get(node.functionName)!);
        deployed[node.functionName] = { memoryMb: config.memoryMb, architecture: config.architecture };
      }
    }
    const edges: Record<string, DataPassingMode> = {};
    for (const [from, to] of innerEdges(ir, members)) {
      graph.setEdge(from, to, ir.graph.edge(from, to));
      edges[edgeKey(from, to)] = 'in-process';
    }
    const summary = this.ctx.estimate(
      { ...ir, functions, graph },
      { functions: deployed, steps, edges, orchestration, groups: { [id]: { steps: [...members], memoryMb: config.memoryMb, architecture: config.architecture } } },
    );
    this.groupProbes++;
    this.groupCache.set(key, summary);
    return summary;
  }
}

/** What an option certainly adds to a plan's cost: under Express the workflow's own bill is not per step. */
function boundUsd(summary: EstimateSummary, orchestration: Orchestration): number {
  return summary.costUsd - summary.breakdown.s3Usd - (orchestration === 'express' ? summary.breakdown.stepFunctionsUsd : 0);
}

function wavesOf(ir: IR, step: string, v: StepVariant): number {
  const node = ir.graph.node(step);
  if (node.kind !== 'map') return 1;
  const concurrency = Math.min(node.maxConcurrency > 0 ? node.maxConcurrency : Infinity, mapConcurrencyLimit(v.distributed));
  return Math.ceil(Math.ceil(maxWidth(node.width) / v.bundleSize) / concurrency);
}

function product<T>(lists: readonly T[][]): T[][] {
  let result: T[][] = [[]];
  for (const list of lists) result = result.flatMap((left) => list.map((x) => [...left, x]));
  return result;
}

/** A map step's deployment with a variant written in (bundle 1 and Inline leave it plain). */
export function withVariant(step: StepDeployment | undefined, v: StepVariant): StepDeployment {
  const { bundleSize: _bundle, map: _map, ...rest } = step ?? {};
  return { ...rest, ...(v.bundleSize > 1 ? { bundleSize: v.bundleSize } : {}), ...(v.distributed ? { map: { mode: 'distributed' as const, maxConcurrency: 0 } } : {}) };
}

/** Group ids as dagc's search names them: the first member in topological order. */
export function groupId(members: readonly string[]): string {
  return `${FUSION_GROUP_PREFIX}${members[0]}`;
}
