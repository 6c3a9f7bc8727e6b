// The graph IR. Nodes are steps (task, map, choice); edges carry bytes. Built
// on graphlib. Units are in names: latencyMs, memoryMb, bytes.
//
// Optimization decisions (a Deployment) are kept beside the IR, not inside it,
// so that a pass never mutates the graph it was handed: see src/ir/deployment.ts.
import type { Graph } from '@dagrejs/graphlib';
import type { SourcePosition } from '../diagnostics/diagnostic.ts';
import type { Architecture } from '../spec/types.ts';
import type { ChosenCalibration } from '../calibrate/app-calibration.ts';

export type { Architecture } from '../spec/types.ts';

/** How many items a map fans out over. */
export type WidthDistribution =
  | { kind: 'fixed'; width: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'discrete'; values: number[]; probabilities: number[] };

interface NodeBase {
  id: string;
  /** Bytes the step emits; for a map, per item. */
  outputBytes: number;
  /** Where the step is declared in app.yaml, for diagnostics. */
  position?: SourcePosition;
}

export interface TaskNode extends NodeBase {
  kind: 'task';
  functionName: string;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  functionName: string;
  width: WidthDistribution;
  /** 0 = unbounded (platform limit applies). */
  maxConcurrency: number;
}

export interface ChoiceNode extends NodeBase {
  kind: 'choice';
  /** Successor step id → probability of taking it; sums to 1. */
  branchProbabilities: Record<string, number>;
}

/**
 * A synchronization point the structure pass adds between two stages of a
 * DAG that is not series-parallel: every step of one stage → join → every
 * step of the next. In Step Functions it is the boundary between two
 * consecutive Parallel states. It runs nothing: no function, no latency, no
 * cost, no state transition of its own. Never written by a user (its id
 * starts with JOIN_PREFIX, which no spec identifier can).
 */
export interface JoinNode extends NodeBase {
  kind: 'join';
}

export const JOIN_PREFIX = '~join-';

export type StepNode = TaskNode | MapNode | ChoiceNode | JoinNode;

/** A step that invokes a function. */
export type InvokingNode = TaskNode | MapNode;

export function invokesFunction(node: StepNode): node is InvokingNode {
  return node.kind === 'task' || node.kind === 'map';
}

export interface EdgeData {
  /** Bytes that flow along the edge per execution (a map's output × width is taken at its mean). */
  bytes: number;
}

export interface FunctionInfo {
  name: string;
  /** Absolute path of the handler module; undefined for profile-only functions. */
  handlerPath?: string;
  /** Today's memory setting. */
  memoryMb: number;
  timeoutMs: number;
  /** Allowed architectures, today's first. */
  architectures: Architecture[];
  accelerator?: 'gpu';
  /** Absolute path of the sample event used for profiling. */
  payloadPath?: string;
  minMemoryMb?: number;
  maxMemoryMb?: number;
  /** Which memory sizes dagc may choose from (app.yaml `memoryGrid`, `--memory-grid`); unset = the default grid. */
  memoryGrid?: MemoryGrid;
  position?: SourcePosition;
}

/**
 * The memory sizes dagc may choose for a function (src/passes/memory-options.ts):
 * the default grid; `measured` — only the sizes its profile measured, per
 * architecture; `all` — the default grid and the measured sizes; or the user's
 * own list.
 */
export type MemoryGrid = { kind: 'default' } | { kind: 'all' } | { kind: 'measured' } | { kind: 'list'; sizesMb: readonly number[] };

export type Percentile = 'p50' | 'p90' | 'p95' | 'p99';

/** The quantile level each percentile names. */
export const PERCENTILE_LEVEL: Readonly<Record<Percentile, number>> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };

export interface Slo {
  percentile: Percentile;
  latencyMs: number;
}

/** Bursts of concurrent executions: `executions` started at once every `everyMs`. */
export interface BurstArrivals {
  executions: number;
  everyMs: number;
  /** Bursts per episode, the first of which starts idle (every environment expired); absent: bursts go on indefinitely. */
  count?: number;
}

/** How executions arrive (src/sim/arrivals.ts turns it into cold-start odds): steady traffic, bursts, or both. */
export interface ArrivalModel {
  /** Steady (Poisson) executions per hour; 0 for none. */
  ratePerHour: number;
  burst?: BurstArrivals;
}

export interface IR {
  name: string;
  /** Absolute path of app.yaml (or the ASL file) it was built from. */
  sourceFile: string;
  /** Directory that relative paths in the spec are resolved against. */
  baseDir: string;
  region: string;
  slo?: Slo;
  /** The app's own calibration (app.yaml platform:); absent: the shipped defaults. */
  calibration?: ChosenCalibration;
  /** The spec's arrivals section; absent: the estimator's default (steady, 60 per hour). */
  arrivals?: ArrivalModel;
  functions: Map<string, FunctionInfo>;
  /** Graph label unused; node labels are steps, edge labels carry bytes. */
  graph: Graph<undefined, StepNode, EdgeData>;
}
