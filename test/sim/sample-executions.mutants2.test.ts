// The sampling loop (src/sim/sample-executions.ts) on small hand-built compiled workflows: plain tasks drawn
// from constant tables, choices, maps, bundles, a Batch job and wide maps, with dispatch tables of constant
// values (so every latency is a hand-worked sum) and, where a draw decides a branch, a scripted generator.
// Written to kill the mutants bench/results/mutation-src-sim-review-rvse.txt lists; every expected number is
// worked out here from the module's documented rules, never by calling its helpers.
import assert from 'node:assert/strict';
import type { WidthDistribution } from '../../src/ir/types.ts';
import type { DurationModel } from '../../src/model/duration-model.ts';
import { DRAW_ONE_TABLE, INIT_TABLE, STEP_CHOICE, STEP_GENERAL, STEP_TASK, type CompiledWorkflow } from '../../src/sim/compiled-workflow.ts';
import type { PlannedStep } from '../../src/sim/plan-steps.ts';
import { createRng, type SimRng } from '../../src/sim/random.ts';
import { bundleMakespanMs, sampleExecutions } from '../../src/sim/sample-executions.ts';

// Dispatch tables (dispatch-tables.ts layout: 256 equally likely values per table; tables 2–5 are the Map item
// and Parallel branch staggers, warm then cold). Here every table holds one value, so a draw's uniform does not matter.
const TABLE = 256;
const MAP_WARM = 2;
const MAP_COLD = 3;
const BRANCH_WARM = 4;
const BRANCH_COLD = 5;
// The tables the steps below name as their first and next dispatch (any table index works: steps carry their own).
const FIRST = { warm: 10, cold: 11, isolatedCold: 12 };
const NEXT = { warm: 13, cold: 14, isolatedCold: 15 };
const TABLE_MS: Record<number, number> = { [MAP_WARM]: 3, [MAP_COLD]: 7, [BRANCH_WARM]: 20, [BRANCH_COLD]: 40, 10: 1, 11: 1000, 12: 2000, 13: 5, 14: 9000, 15: 4000 };

function constantDispatch(overrides: Record<number, (k: number) => number> = {}): Float64Array {
  const tables = new Float64Array(16 * TABLE);
  for (let t = 0; t < 16; t += 1) for (let k = 0; k < TABLE; k += 1) tables[t * TABLE + k] = overrides[t]?.(k) ?? TABLE_MS[t] ?? 0;
  return tables;
}
const DISPATCH = constantDispatch();

/** A generator whose uniforms come from a script (then `rest`), normals from `normal`; its sfc32 state only feeds plain tasks' table draws. */
function scripted(uniforms: readonly number[], rest = 0.5, normal = 0): SimRng & { drawn: () => number } {
  let at = 0;
  return {
    state: new Int32Array([1, 2, 3, 4]),
    spare: new Float64Array(2),
    next: () => (at < uniforms.length ? uniforms[at++]! : (at++, rest)),
    normal: () => normal,
    drawn: () => at,
  };
}

const INIT_MS = 300;
const COLD_EXTRA_MS = 50;

/** A map's or bundled task's planned step: every field runStep reads, with the test's numbers. */
function general(overrides: Partial<PlannedStep> = {}): PlannedStep {
  const model = {
    sampleInit: () => INIT_MS,
    quantile: (_memoryMb: number, u: number) => 1000 * u,
    fit: { initMs: 200 },
  } as unknown as DurationModel;
  const step: PlannedStep = {
    node: { id: 'g', kind: 'map', functionName: 'f', width: { kind: 'fixed', width: 1 } } as unknown as PlannedStep['node'],
    branches: undefined,
    model,
    sampleMs: () => 100,
    tableDraw: undefined,
    workerSamplers: [],
    memoryMb: 1024,
    gbPerInvocation: 1,
    onDemandGbSecondUsd: 1,
    provisionedDurationGbSecondUsd: 1000,
    provisionedHourlyUsd: 0,
    bundleSize: 1,
    concurrency: 40,
    coldProbability: 0,
    coldExtraMs: COLD_EXTRA_MS,
    prewarm: 0,
    slotFree: new Float64Array(2100),
    neverCold: false,
    pingComputeUsd: 0,
    pingRequests: 0,
    batch: undefined,
    childStartMs: 0,
    distributed: false,
    expressRequestUsd: 0,
    expressGbSecondUsd: 0,
    meanWarmMs: 0,
    dispatch: DISPATCH,
    branchHead: false,
    untimedStart: false,
    firstDispatch: FIRST,
    nextDispatch: NEXT,
    ...overrides,
  };
  // One worker at the full memory draws what the step's own sampler draws (plan-steps.ts workerSamplers: samplerAt(memoryMb)).
  if (!overrides.workerSamplers) step.workerSamplers = [() => NaN, step.sampleMs!];
  return step;
}

function mapOf(width: WidthDistribution): PlannedStep['node'] {
  return { id: 'g', kind: 'map', functionName: 'f', width } as unknown as PlannedStep['node'];
}

interface TaskSpec {
  /** The warm duration: one table of one ratio, 1, weighted by this. */
  durationMs: number;
  /** Measured inits (sorted) a cold invocation draws from. */
  initsMs?: number[];
  branchHead?: boolean;
  untimed?: boolean;
}

type StepSpec =
  | { kind: 'task'; task: TaskSpec; preds?: Pred[] }
  | { kind: 'general'; step: PlannedStep; preds?: Pred[] }
  | { kind: 'choice'; branches: Array<{ to: number; cumulative: number }>; preds?: Pred[] };
/** [from, transferMs, S3 puts, S3 gets] */
type Pred = [number, number, number, number];

/** A compiled workflow of the given steps in topological order (compiled-workflow.ts's arrays, filled by hand). */
function compiled(specs: StepSpec[]): CompiledWorkflow {
  const n = specs.length;
  const ratios: number[] = [1];
  const predStart = new Int32Array(n + 1);
  const predFrom: number[] = [];
  const transfer: number[] = [];
  const puts: number[] = [];
  const gets: number[] = [];
  const w: CompiledWorkflow = {
    steps: [],
    kind: new Uint8Array(n),
    predStart,
    predFrom: new Int32Array(0),
    predTransferMs: new Float64Array(0),
    predS3Puts: new Uint8Array(0),
    predS3Gets: new Uint8Array(0),
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
    dispatch: DISPATCH,
    branchHead: new Uint8Array(n),
    untimedStart: new Uint8Array(n),
    firstWarmAt: new Int32Array(n),
    firstColdAt: new Int32Array(n),
    firstIsolatedColdAt: new Int32Array(n),
  };
  const steps: PlannedStep[] = [];
  specs.forEach((spec, i) => {
    predStart[i] = predFrom.length;
    for (const [from, ms, p, g] of spec.preds ?? []) {
      predFrom.push(from);
      transfer.push(ms);
      puts.push(p);
      gets.push(g);
    }
    if (spec.kind === 'general') {
      w.kind[i] = STEP_GENERAL;
      steps.push(spec.step);
    } else if (spec.kind === 'choice') {
      w.kind[i] = STEP_CHOICE;
      steps.push(general({ node: { id: `c${i}`, kind: 'choice' } as unknown as PlannedStep['node'], branches: spec.branches }));
    } else {
      const t = spec.task;
      w.kind[i] = STEP_TASK;
      w.draw[i] = DRAW_ONE_TABLE;
      w.weightA[i] = t.durationMs;
      w.offsetA[i] = 0;
      w.lengthA[i] = 1;
      w.gbPerInvocation[i] = 1;
      w.onDemandGbSecondUsd[i] = 1;
      w.initKind[i] = INIT_TABLE;
      w.initOffset[i] = ratios.length;
      const inits = t.initsMs ?? [INIT_MS];
      w.initLength[i] = inits.length;
      ratios.push(...inits);
      w.branchHead[i] = t.branchHead ? 1 : 0;
      w.untimedStart[i] = t.untimed ? 1 : 0;
      w.firstWarmAt[i] = FIRST.warm * TABLE;
      w.firstColdAt[i] = FIRST.cold * TABLE;
      w.firstIsolatedColdAt[i] = FIRST.isolatedCold * TABLE;
      // A task drawn from its tables never calls its closure: NaN here would show in every latency.
      steps.push(general({ node: { id: `t${i}`, kind: 'task', functionName: 'f' } as unknown as PlannedStep['node'], sampleMs: () => NaN }));
    }
  });
  predStart[n] = predFrom.length;
  w.predFrom = Int32Array.from(predFrom);
  w.predTransferMs = Float64Array.from(transfer);
  w.predS3Puts = Uint8Array.from(puts);
  w.predS3Gets = Uint8Array.from(gets);
  w.ratios = Float64Array.from(ratios);
  w.steps = steps;
  return w;
}

/** The estimate's stratified cold waves (arrivals.ts header): sample i is in one when ⌊(i+1)·share⌋ > ⌊i·share⌋. */
function waveExecution(index: number, share: number): boolean {
  return Math.floor((index + 1) * share) > Math.floor(index * share);
}

function run(w: CompiledWorkflow, n: number, options: { rng?: SimRng; coldProbability?: number; coldWaveShare?: number; firstIndex?: number } = {}) {
  const latencies = new Float64Array(n);
  const totals = sampleExecutions(w, options.rng ?? createRng(7), options.coldProbability ?? 0, latencies, options.coldWaveShare ?? 0, options.firstIndex ?? 0);
  return { latencies: [...latencies], totals };
}

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual}, want ${expected}`);

describe('sampleExecutions (hand-built workflows)', () => {
  it('samples no executions into zero totals', () => {
    const { totals } = run(compiled([{ kind: 'task', task: { durationMs: 100 } }]), 0);
    assert.deepEqual(totals, { computeUsd: 0, invocations: 0, transitions: 0, s3Puts: 0, s3Gets: 0, expressBilledMs: 0, batchUsd: 0, childExecutionsUsd: 0 });
  });

  it('puts a chunk\'s executions in cold waves by their index in the whole estimate, across blocks', () => {
    // 130 executions (three blocks of 64) numbered from 4; share 0.3: the waves fall where the stratification says.
    const w = compiled([{ kind: 'task', task: { durationMs: 100 } }]);
    const { latencies } = run(w, 130, { coldWaveShare: 0.3, firstIndex: 4 });
    const warm = 1 + 100; // first warm dispatch + duration
    const cold = 1000 + 100 + 0 + INIT_MS; // a wave's cold dispatch + duration + (no cold extra) + init
    latencies.forEach((ms, j) => assert.equal(ms, waveExecution(4 + j, 0.3) ? cold : warm, `execution ${j}`));
    assert.ok(latencies.includes(cold) && latencies.includes(warm));
  });

  it('runs a map only in the executions whose choice took it, across a partial block', () => {
    // a → choice c → (b | map g); d after g and a (listed g first); e, a map after a, is the last step in order.
    // Scripted choice draws: even executions take b (u 0.25 < 0.5), odd ones g (u 0.75). 65 executions: a block of 64 and one of 1.
    const g = general({ untimedStart: true, neverCold: true, sampleMs: () => 30 });
    const e = general({ untimedStart: true, neverCold: true, sampleMs: () => 1 });
    const w = compiled([
      { kind: 'task', task: { durationMs: 100 } },
      { kind: 'choice', branches: [{ to: 2, cumulative: 0.5 }, { to: 3, cumulative: 1 }], preds: [[0, 0, 0, 0]] },
      { kind: 'task', task: { durationMs: 10 }, preds: [[1, 0, 1, 1]] },
      { kind: 'general', step: g, preds: [[1, 0, 2, 3]] },
      { kind: 'task', task: { durationMs: 5 }, preds: [[3, 0, 0, 0], [0, 0, 0, 0]] },
      { kind: 'general', step: e, preds: [[0, 0, 0, 0]] },
    ]);
    const n = 65;
    const { latencies, totals } = run(w, n, { rng: scripted(Array.from({ length: n }, (_, j) => (j % 2 === 0 ? 0.25 : 0.75))) });
    const toB = 33;
    const toG = 32;
    // a ends at 1 + 100; b at 101 + 1 + 10 = 112; g at 101 + 30 = 131; d at max(its preds) + 1 + 5; e at 101 + 1.
    latencies.forEach((ms, j) => assert.equal(ms, j % 2 === 0 ? 112 : 137, `execution ${j}`));
    assert.equal(totals.s3Puts, toB * 1 + toG * 2);
    assert.equal(totals.s3Gets, toB * 1 + toG * 3);
    // Invocations: a, d and e in every execution, b and g where chosen (g: one item each).
    assert.equal(totals.invocations, n + n + n + toB + toG);
    // Transitions: the plain tasks' states, the choice's, each map's state and its one iteration.
    assert.equal(totals.transitions, n + toB + n + n + 2 * toG + 2 * n);
  });

  it('runs a map outside a cold wave warm and inside it cold', () => {
    const w = compiled([{ kind: 'general', step: general() }]);
    const { latencies } = run(w, 8, { coldWaveShare: 0.25 });
    latencies.forEach((ms, j) => assert.equal(ms, waveExecution(j, 0.25) ? 1000 + 100 + COLD_EXTRA_MS + INIT_MS : 1 + 100, `execution ${j}`));
  });

  it('adds a wave-cold Parallel branch head the cold branch stagger, an isolated cold one the warm stagger', () => {
    const w = compiled([{ kind: 'task', task: { durationMs: 100, branchHead: true } }]);
    for (const ms of run(w, 4, { coldWaveShare: 1 }).latencies) assert.equal(ms, 1000 + 40 + 100 + INIT_MS);
    for (const ms of run(w, 4, { coldProbability: 1 }).latencies) assert.equal(ms, 2000 + 20 + 100 + INIT_MS);
  });

  it('draws a cold plain task\'s init from across its measured inits', () => {
    const w = compiled([{ kind: 'task', task: { durationMs: 100, initsMs: [40, 80] } }]);
    const { latencies } = run(w, 64, { coldProbability: 1 });
    assert.deepEqual([...new Set(latencies)].sort((a, b) => a - b), [2000 + 100 + 40, 2000 + 100 + 80]);
  });

  it('sends a choice draw equal to a branch\'s cumulative odds to the next branch, and a draw past the last one to the last', () => {
    // Branches to x (odds 0.5) and y (0.3): their sum 0.8 falls short of 1. Draws 0.5 (the boundary), 0.9 (past the sum), 0.1.
    const w = compiled([
      { kind: 'choice', branches: [{ to: 1, cumulative: 0.5 }, { to: 2, cumulative: 0.8 }] },
      { kind: 'task', task: { durationMs: 10 }, preds: [[0, 0, 0, 0]] },
      { kind: 'task', task: { durationMs: 20 }, preds: [[0, 0, 0, 0]] },
    ]);
    const { latencies, totals } = run(w, 3, { rng: scripted([0.5, 0.9, 0.1]) });
    assert.deepEqual(latencies, [1 + 20, 1 + 20, 1 + 10]);
    assert.equal(totals.invocations, 3);
  });
});

describe('sampleExecutions: a map or bundle drawn invocation by invocation', () => {
  const one = (step: PlannedStep, options: Parameters<typeof run>[2] = {}) => run(compiled([{ kind: 'general', step }]), 1, options);

  it('draws a map of exactly WIDE_MAP_INVOCATIONS (2,048) invocations one by one: each billed by the whole millisecond', () => {
    // One at a time (the list scheduling then has one slot to search): the wide path would bill the mean, 100.5 ms each.
    const step = general({ node: mapOf({ kind: 'fixed', width: 2048 }), concurrency: 1, sampleMs: () => 100.5, meanWarmMs: 100.5, neverCold: true });
    const { totals } = one(step);
    close(totals.computeUsd, (2048 * 101) / 1000, 'on-demand dollars (1 GB at $1 per GB-second)');
    assert.equal(totals.invocations, 2048);
  });

  it('gives a bundled map\'s last invocation the items left over', () => {
    // 5 items in bundles of 2 on one worker (1,024 MB): invocations of 2, 2 and 1 items, 100 ms each item.
    const step = general({ node: mapOf({ kind: 'fixed', width: 5 }), bundleSize: 2, concurrency: 3, neverCold: true });
    const { totals } = one(step);
    close(totals.computeUsd, (5 * 100) / 1000, 'billed item-milliseconds in dollars');
    assert.equal(totals.invocations, 3);
  });

  it('keeps an invocation whose cold draw equals the cold odds warm', () => {
    const step = general({ coldProbability: 0.5 });
    assert.deepEqual(one(step, { rng: scripted([], 0.5) }).latencies, [1 + 100]);
  });

  it('runs an isolated cold invocation after the isolated cold dispatch, with the cold extra and its init', () => {
    const step = general({ coldProbability: 1 });
    assert.deepEqual(one(step).latencies, [2000 + 100 + COLD_EXTRA_MS + INIT_MS]);
  });

  it('does not count an untimed entry\'s dispatch or init, but bills the init', () => {
    const step = general({ coldProbability: 1, untimedStart: true });
    const { latencies, totals } = one(step);
    assert.deepEqual(latencies, [100 + COLD_EXTRA_MS]);
    close(totals.computeUsd, (100 + COLD_EXTRA_MS + INIT_MS) / 1000, 'billed dollars');
  });

  it('adds a Parallel branch head its stagger: warm, cold in a wave, warm for an isolated cold start', () => {
    assert.deepEqual(one(general({ branchHead: true })).latencies, [1 + 20 + 100]);
    assert.deepEqual(one(general({ branchHead: true }), { coldWaveShare: 1 }).latencies, [1000 + 40 + 100 + COLD_EXTRA_MS + INIT_MS]);
    assert.deepEqual(one(general({ branchHead: true, coldProbability: 1 })).latencies, [2000 + 20 + 100 + COLD_EXTRA_MS + INIT_MS]);
  });

  it('staggers a map\'s second item by the cold Map stagger only in a cold wave', () => {
    // Two items on two slots: the later one starts the first dispatch plus a Map item stagger after the state's start.
    const two = general({ node: mapOf({ kind: 'fixed', width: 2 }), concurrency: 2 });
    assert.deepEqual(one(two, { coldWaveShare: 1 }).latencies, [1000 + 7 + 100 + COLD_EXTRA_MS + INIT_MS]);
    assert.deepEqual(one({ ...two, coldProbability: 1 }).latencies, [2000 + 3 + 100 + COLD_EXTRA_MS + INIT_MS]);
  });

  it('draws a Batch job\'s dispatch as its median times exp(sigma · z)', () => {
    const step = general({ node: { id: 'b', kind: 'task', functionName: 'f' } as unknown as PlannedStep['node'], sampleMs: () => 1000, batch: { dispatchMedianMs: 100, dispatchSigma: 1, usdPerMs: 0.001, minimumBilledMs: 60_000 } });
    const { latencies, totals } = one(step, { rng: scripted([], 0.5, 1) });
    close(latencies[0]!, 1 + 100 * Math.E + 1000, 'latency');
    close(totals.batchUsd, 60, 'Batch dollars (the one-minute minimum)');
  });

  it('takes a discrete width\'s value at a draw equal to a cumulative probability from the next value', () => {
    const step = general({ node: mapOf({ kind: 'discrete', values: [1, 2], probabilities: [0.25, 0.75] }), neverCold: true, untimedStart: true });
    assert.equal(one(step, { rng: scripted([], 0.25) }).totals.invocations, 2);
    assert.equal(one(step, { rng: scripted([], 0.1) }).totals.invocations, 1);
  });
});

describe('sampleExecutions: a wide map drawn by waves', () => {
  // The item quantile is linear, 1,000 ms × level, so a wave of c items at draw u takes 1000 · u^(1/c).
  const one = (step: PlannedStep, options: Parameters<typeof run>[2] = {}) => run(compiled([{ kind: 'general', step }]), 1, options);
  const wide = (invocations: number, concurrency: number, overrides: Partial<PlannedStep> = {}) =>
    general({ node: mapOf({ kind: 'fixed', width: invocations }), concurrency, slotFree: new Float64Array(0), ...overrides });
  // The Map stagger table as 0, 1, …, 255 ms, so a stagger drawn at level v reads ⌊256 v⌋.
  const rampDispatch = constantDispatch({ [MAP_WARM]: (k) => k, [MAP_COLD]: (k) => 1000 + k });

  it('sums 32 later waves one by one: each at its own draw', () => {
    const c = 64;
    const level = 0.5 ** (1 / c);
    const { latencies } = one(wide(33 * c, c, { dispatch: rampDispatch }), { rng: scripted([], 0.5, 0.5) });
    const stagger = Math.floor(256 * level);
    close(latencies[0]!, stagger + (1000 * level + 1) + 32 * (1000 * level + 5), 'latency');
  });

  it('sums 33 later waves as a normal with one wave\'s stratified mean and variance', () => {
    const c = 64;
    const level = 0.5 ** (1 / c);
    const z = 0.5;
    const { latencies } = one(wide(34 * c, c), { rng: scripted([], 0.5, z) });
    const waves = Array.from({ length: 32 }, (_, k) => 1000 * ((k + 0.5) / 32) ** (1 / c) + 5);
    const mean = waves.reduce((a, b) => a + b, 0) / 32;
    const variance = waves.reduce((a, b) => a + (b - mean) ** 2, 0) / 32;
    assert.ok(variance > 1, 'the waves vary');
    const expected = 3 + (1000 * level + 1) + 33 * mean + Math.sqrt(33 * variance) * z;
    assert.ok(Math.abs(latencies[0]! - expected) < 1e-6, `${latencies[0]}, want ${expected}`);
  });

  it('makes a wave cold only when its draw falls below the odds that one of its invocations is', () => {
    // One wave of 2,100 invocations at cold odds 1e-5 each: odds 1 − (1 − 1e-5)^2100 ≈ 0.021 that one of them is cold.
    const c = 2100;
    const p = 1e-5;
    const anyCold = 1 - (1 - p) ** c;
    const oneWave = wide(c, c, { coldProbability: p });
    // At the odds exactly: warm (the wave's maximum at level anyCold^(1/2100), after the first warm dispatch and the warm stagger).
    const warmAt = (u: number) => 3 + 1000 * u ** (1 / c) + 1;
    close(one(oneWave, { rng: scripted([], anyCold) }).latencies[0]!, warmAt(anyCold), 'at the odds');
    close(one(oneWave, { rng: scripted([], 0.9) }).latencies[0]!, warmAt(0.9), 'above the odds');
    // Below them: the larger of the warm wave and one cold invocation (its items, the cold extra, an init, the isolated cold dispatch).
    const cold = 1000 * 0.01 + COLD_EXTRA_MS + INIT_MS + 2000;
    close(one(oneWave, { rng: scripted([], 0.01) }).latencies[0]!, 3 + Math.max(1000 * 0.01 ** (1 / c) + 1, cold), 'below the odds');
    assert.ok(cold > 1000 + 1, 'the cold invocation is the wave\'s maximum');
  });

  it('starts a cold wave\'s first wave cold unless provisioned concurrency covers it', () => {
    const c = 2100;
    const level = 0.5 ** (1 / c);
    // Cold: the cold stagger's order statistic, then one cold invocation at the wave's level after the wave's cold dispatch.
    close(one(wide(c, c, { dispatch: rampDispatch }), { rng: scripted([], 0.5), coldWaveShare: 1 }).latencies[0]!, 1000 + Math.floor(256 * level) + 1000 * level + COLD_EXTRA_MS + INIT_MS + 1000, 'cold');
    // Every invocation provisioned: warm.
    close(one(wide(c, c, { prewarm: c, dispatch: rampDispatch }), { rng: scripted([], 0.5), coldWaveShare: 1 }).latencies[0]!, Math.floor(256 * level) + 1000 * level + 1, 'provisioned');
  });

  it('runs a bundle\'s items on its workers: the items per worker times the item quantile', () => {
    // Bundles of 4 at 3,538 MB (2 vCPU): 2 workers, 2 items each; 8,400 items = 2,100 invocations, one wave.
    const c = 2100;
    const step = wide(4 * c, c, { bundleSize: 4, memoryMb: 3538 });
    close(one(step, { rng: scripted([], 0.5) }).latencies[0]!, 3 + 2 * 1000 * 0.5 ** (1 / c) + 1, 'latency');
  });

  it('bills a wide map its expectation: on-demand and provisioned invocations, expected and wave cold starts, child executions', () => {
    // 3,000 invocations of 100 ms (mean), 10 at once, 4 provisioned, cold odds 0.1, init 200 ms (the fit's), cold extra 50 ms,
    // in a cold wave; a Distributed Map whose children start 20 ms early; 2 GB at $1 / GB-s on demand, $1,000 provisioned.
    const step = wide(3000, 10, {
      prewarm: 4, coldProbability: 0.1, meanWarmMs: 100, gbPerInvocation: 2, distributed: true, childStartMs: 20, expressRequestUsd: 1, expressGbSecondUsd: 1,
    });
    const { totals } = one(step, { rng: scripted([], 0.5), coldWaveShare: 1 });
    const expectedColdMs = 0.1 * (200 + 50);
    const waveColdMs = (10 - 4) * (200 + 50 - expectedColdMs);
    const onDemandGbS = (2 * (2996 * (100 + expectedColdMs) + waveColdMs)) / 1000;
    const provisionedGbS = (2 * 4 * 100) / 1000;
    close(totals.computeUsd, onDemandGbS * 1 + provisionedGbS * 1000, 'compute dollars');
    // Each child: its request and 64 MB for its 120 ms rounded up to 200 ms (Express bills by 100 ms).
    close(totals.childExecutionsUsd, 3000 * (1 + (64 / 1024) * 0.2 * 1), 'child execution dollars');
    assert.equal(totals.invocations, 3000);
  });
});

describe('bundleMakespanMs', () => {
  it('ends when its busiest worker does, not its last-assigned one', () => {
    // Three items on 2 workers (3,538 MB): 100 ms on worker 0, 10 ms on worker 1, then 10 ms on worker 1 again (free first).
    const durations = [100, 10, 10];
    let at = 0;
    const step = { memoryMb: 3538, workerSamplers: [() => NaN, () => NaN, () => durations[at++]!] };
    assert.equal(bundleMakespanMs(step, 3, createRng(1)), 100);
  });
});
