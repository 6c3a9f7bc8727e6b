// The estimator's workflow flattened into typed arrays, built once per
// estimate from the planned steps (plan-steps.ts): steps in topological
// order, predecessors as CSR lists with each hop's transfer time and S3
// requests, and each plain task's warm sampler as a table draw (weights and
// offsets into one array of ratios, table-arena.ts: measured ratios, or a
// lognormal table's exp(sigma · z) already taken), so the sampling loop reads
// arrays and calls no closure for the common step. Maps, bundles and
// lognormal noise without a table keep their PlannedStep and closures
// (STEP_GENERAL / DRAW_CLOSURE).
// Complexity: O(V + E) to build, plus each table new to the arena.
import type { PlannedStep } from './plan-steps.ts';
import { DISPATCH_TABLE_SIZE } from './dispatch-tables.ts';
import { TableArena } from './table-arena.ts';

/** One task invocation per execution, no bundle: drawn inline. */
export const STEP_TASK = 0;
/** A map or a bundled task: runStep's scheduling. */
export const STEP_GENERAL = 1;
export const STEP_CHOICE = 2;
/** A restructuring join: no state of its own, no time, no transition. */
export const STEP_JOIN = 3;

/** How a plain task's warm duration is drawn: by its closure, or from one or two tables. */
export const DRAW_CLOSURE = 0;
export const DRAW_ONE_TABLE = 1;
export const DRAW_TWO_TABLES = 2;

export interface CompiledWorkflow {
  steps: readonly PlannedStep[];
  kind: Uint8Array;
  predStart: Int32Array;
  predFrom: Int32Array;
  predTransferMs: Float64Array;
  predS3Puts: Uint8Array;
  predS3Gets: Uint8Array;
  draw: Uint8Array;
  weightA: Float64Array;
  offsetA: Int32Array;
  lengthA: Int32Array;
  weightB: Float64Array;
  offsetB: Int32Array;
  lengthB: Int32Array;
  ratios: Float64Array;
  gbPerInvocation: Float64Array;
  onDemandGbSecondUsd: Float64Array;
  provisionedDurationGbSecondUsd: Float64Array;
  /** A cold invocation's handler time beyond its warm draw (PlannedStep.coldExtraMs). */
  coldExtraMs: Float64Array;
  /** 1 when provisioned concurrency covers the task's one invocation (never cold, billed at the provisioned price). */
  provisioned: Uint8Array;
  /** 1 when the task's invocation is never cold: provisioned, or initialised by a warm-up ping. */
  neverCold: Uint8Array;
  /** A plain task's cold-start init draw: INIT_TABLE (measured inits at initOffset in ratios) or INIT_LOGNORMAL. */
  initKind: Uint8Array;
  initOffset: Int32Array;
  initLength: Int32Array;
  initMedianMs: Float64Array;
  initSigma: Float64Array;
  /** The orchestration latencies' tables (dispatch-tables.ts): what a step's dispatch and staggers are drawn from. */
  dispatch: Float64Array;
  /** 1 for a step that starts a Parallel branch after its fork's first: it adds a branch stagger. */
  branchHead: Uint8Array;
  /** 1 for an entry step timed from its first handler's start: no dispatch, its Init not counted in the latency. */
  untimedStart: Uint8Array;
  /** Where in `dispatch` a plain task's warm and cold dispatch tables start (its kind's, dispatch-kinds.ts). */
  firstWarmAt: Int32Array;
  firstColdAt: Int32Array;
  /** …and its cold dispatch outside a cold wave. */
  firstIsolatedColdAt: Int32Array;
}

export const INIT_TABLE = 1;
export const INIT_LOGNORMAL = 2;

/** The in-edges as compressed rows by step position (estimate-skeleton.ts) with each hop's numbers (s3-hops.ts workflowHops). */
export interface CompiledEdges {
  predStart: Int32Array;
  predFrom: Int32Array;
  transferMs: Float64Array;
  puts: Uint8Array;
  gets: Uint8Array;
}

/**
 * The arrays of `edges` are taken as they are (read only from here on), not copied. The tables go into `arena`
 * (table-arena.ts): a fresh one unless the caller keeps one across estimates.
 */
export function compileWorkflow(steps: readonly PlannedStep[], dispatch: Float64Array, edges: CompiledEdges, arena: TableArena = new TableArena()): CompiledWorkflow {
  const n = steps.length;
  const compiled: CompiledWorkflow = {
    steps,
    kind: new Uint8Array(n),
    predStart: edges.predStart,
    predFrom: edges.predFrom,
    predTransferMs: edges.transferMs,
    predS3Puts: edges.puts,
    predS3Gets: edges.gets,
    draw: new Uint8Array(n),
    weightA: new Float64Array(n),
    offsetA: new Int32Array(n),
    lengthA: new Int32Array(n),
    weightB: new Float64Array(n),
    offsetB: new Int32Array(n),
    lengthB: new Int32Array(n),
    ratios: new Float64Array(0),
    gbPerInvocation: new Float64Array(n),
    onDemandGbSecondUsd: new Float64Array(n),
    provisionedDurationGbSecondUsd: new Float64Array(n),
    coldExtraMs: new Float64Array(n),
    provisioned: new Uint8Array(n),
    neverCold: new Uint8Array(n),
    initKind: new Uint8Array(n),
    initOffset: new Int32Array(n),
    initLength: new Int32Array(n),
    initMedianMs: new Float64Array(n),
    initSigma: new Float64Array(n),
    dispatch,
    branchHead: new Uint8Array(n),
    untimedStart: new Uint8Array(n),
    firstWarmAt: new Int32Array(n),
    firstColdAt: new Int32Array(n),
    firstIsolatedColdAt: new Int32Array(n),
  };
  for (let i = 0; i < n; i += 1) {
    const step = steps[i]!;
    const node = step.node;
    compiled.branchHead[i] = step.branchHead ? 1 : 0;
    compiled.untimedStart[i] = step.untimedStart ? 1 : 0;
    compiled.firstWarmAt[i] = step.firstDispatch.warm * DISPATCH_TABLE_SIZE;
    compiled.firstColdAt[i] = step.firstDispatch.cold * DISPATCH_TABLE_SIZE;
    compiled.firstIsolatedColdAt[i] = step.firstDispatch.isolatedCold * DISPATCH_TABLE_SIZE;
    if (node.kind === 'choice') compiled.kind[i] = STEP_CHOICE;
    else if (node.kind === 'join') compiled.kind[i] = STEP_JOIN;
    else if (node.kind === 'map' || step.bundleSize !== 1 || step.batch !== undefined) compiled.kind[i] = STEP_GENERAL;
    else {
      compiled.kind[i] = STEP_TASK;
      compiled.gbPerInvocation[i] = step.gbPerInvocation;
      compiled.onDemandGbSecondUsd[i] = step.onDemandGbSecondUsd;
      compiled.provisionedDurationGbSecondUsd[i] = step.provisionedDurationGbSecondUsd;
      compiled.coldExtraMs[i] = step.coldExtraMs;
      compiled.provisioned[i] = step.prewarm >= 1 ? 1 : 0;
      compiled.neverCold[i] = step.prewarm >= 1 || step.neverCold ? 1 : 0;
      const init = step.model!.initDraw;
      if ('sortedInitsMs' in init) {
        compiled.initKind[i] = INIT_TABLE;
        compiled.initOffset[i] = arena.offsetOf(init.sortedInitsMs);
        compiled.initLength[i] = init.sortedInitsMs.length;
      } else {
        compiled.initKind[i] = INIT_LOGNORMAL;
        compiled.initMedianMs[i] = init.medianMs;
        compiled.initSigma[i] = init.sigma;
      }
      const parts = step.tableDraw;
      if (parts && (parts.length === 1 || parts.length === 2)) {
        compiled.draw[i] = parts.length === 1 ? DRAW_ONE_TABLE : DRAW_TWO_TABLES;
        const [a, b] = parts;
        compiled.weightA[i] = a!.weight;
        compiled.offsetA[i] = arena.offsetOfPart(a!);
        compiled.lengthA[i] = a!.entries.length;
        if (b) {
          compiled.weightB[i] = b.weight;
          compiled.offsetB[i] = arena.offsetOfPart(b);
          compiled.lengthB[i] = b.entries.length;
        }
      }
    }
  }
  compiled.ratios = arena.view();
  return compiled;
}
