import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { calibrationFileText, readCalibrationFile } from '../../src/calibrate/calibration-file.ts';
import { calibrationFromObservations, KIND_NAMES } from '../../src/calibrate/calibration-from-observations.ts';
import { parseSebsDefinition } from '../../src/calibrate/sebs-flow-definition.ts';
import { calibrationFromSebsTraces } from '../../src/calibrate/sebs-trace-corpus.ts';
import { parseTraceFile } from '../../src/calibrate/trace-file.ts';
import { gapsFromTrace } from '../../src/calibrate/trace-gaps.ts';
import { DEFAULT_CALIBRATION, DISPATCH_KINDS, latencyQuantileMs, type DispatchKind, type GapObservation, type LatencyDistribution } from '../../src/model/calibration.ts';
import { createRng } from '../../src/sim/random.ts';
import { renderFittedOrchestration, sebsCorpus } from '../../scripts/fit-orchestration-defaults.ts';
import { gapsFromHistory, type HistoryEventLike, type HistoryGap } from '../../src/calibrate/history-gaps.ts';
import { seededRandom } from '../../src/profiler/seeded-random.ts';
import { normalQuantile } from '../../src/model/normal-quantile.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A synthetic trace of a task → map of 4 → task workflow whose gaps are drawn from known shifted lognormals. */
function syntheticTrace(executions: number, dispatch: LatencyDistribution, stagger: LatencyDistribution, seed: number): string {
  const rng = createRng(seed);
  const draw = (d: LatencyDistribution) => d.shiftMs + d.medianMs * Math.exp(d.sigma * rng.normal());
  const lines = ['func,start,end,is_cold,request_id,provider.execution_duration,provider.init_duration'];
  const add = (func: string, request: string, startMs: number, durationMs: number) =>
    lines.push(`${func},${(startMs / 1000).toFixed(6)},${((startMs + durationMs) / 1000).toFixed(6)},False,${request},${durationMs * 1000},0`);
  for (let e = 0; e < executions; e += 1) {
    const request = `r${e}`;
    let t = 1_000_000 * (e + 1);
    add('first', request, t, 200);
    t += 200;
    const mapStart = t + draw(dispatch);
    let mapEnd = 0;
    for (let k = 0; k < 4; k += 1) {
      const start = mapStart + (k === 0 ? 0 : draw(stagger));
      add('item', request, start, 300);
      mapEnd = Math.max(mapEnd, start + 300);
    }
    add('last', request, mapEnd + draw(dispatch), 100);
  }
  return lines.join('\n');
}

const definition = parseSebsDefinition(
  JSON.stringify({ root: 'a', states: { a: { type: 'task', func_name: 'first', next: 'm' }, m: { type: 'map', root: 'i', array: 'xs', next: 'z', states: { i: { type: 'task', func_name: 'item' } } }, z: { type: 'task', func_name: 'last' } } }),
  'synthetic.json',
  'synthetic',
);

describe('calibration from observations', () => {
  it('recovers the dispatch and the stagger distributions a synthetic trace was generated with', () => {
    const dispatch = { shiftMs: 60, medianMs: 90, sigma: 0.45 };
    const stagger = { shiftMs: 2, medianMs: 15, sigma: 0.6 };
    const { observations } = gapsFromTrace(parseTraceFile(syntheticTrace(600, dispatch, stagger, 11), 'synthetic.csv'), definition);
    const fitted = calibrationFromObservations(observations, 'synthetic.csv');
    const task = fitted.orchestration.taskDispatch.standard.warm;
    const map = fitted.orchestration.mapIterationStart.standard;
    assert.equal(task.observations, 1200);
    // The first item never trails (every stagger is above its 2 ms floor), so the 3 later items' gaps are direct draws.
    assert.equal(map.observations, 1800);
    // fitLatency puts the floor at half the smallest gap rather than estimating it, so the lognormal above it is a
    // little narrower in the tail than the true one: the median within 3 %, the tail within 8 %.
    for (const [fit, truth, name] of [[task, dispatch, 'dispatch'], [map, stagger, 'stagger']] as const) {
      for (const [q, tolerance] of [[0.5, 0.03], [0.9, 0.08], [0.95, 0.08]] as const) {
        const want = latencyQuantileMs(truth, q);
        assert.ok(Math.abs(latencyQuantileMs(fit, q) - want) / want < tolerance, `${name} q${q}: ${latencyQuantileMs(fit, q)} vs ${want}`);
      }
    }
    assert.ok(task.shiftMs <= dispatch.shiftMs + 1e-9, `the floor ${task.shiftMs} is at most the true one`);
    assert.equal(task.source, 'synthetic.csv: 1200 warm standard Task dispatches');
  });

  it('keeps the fallback\'s value, with its source, for every part the observations do not cover', () => {
    const fitted = calibrationFromObservations([{ kind: 'task', orchestration: 'standard', cold: false, gapMs: 100 }], 'one gap');
    // One gap is too few: the value is the default's, its source says why (the history path's annotation, now the one fit's).
    const warm = fitted.orchestration.taskDispatch.standard.warm;
    const shipped = DEFAULT_CALIBRATION.orchestration.taskDispatch.standard.warm;
    assert.deepEqual({ ...warm, source: shipped.source }, shipped);
    assert.equal(warm.source, `${shipped.source} (only 1 warm standard Task dispatches in one gap, too few to fit)`);
    assert.deepEqual(fitted.orchestration.taskDispatch.standard.cold, DEFAULT_CALIBRATION.orchestration.taskDispatch.standard.cold);
    assert.deepEqual(fitted.orchestration.taskDispatch.express, DEFAULT_CALIBRATION.orchestration.taskDispatch.express);
    assert.deepEqual(fitted.orchestration.mapIterationStart, DEFAULT_CALIBRATION.orchestration.mapIterationStart);
  });
});

describe('the shipped defaults', () => {
  it('are exactly what the corpus rule fits from data/sebs-flow (scripts/fit-orchestration-defaults.ts)', () => {
    const committed = readFileSync(path.join(root, 'src/model/fitted-orchestration.ts'), 'utf8');
    assert.equal(renderFittedOrchestration(calibrationFromSebsTraces(sebsCorpus())), committed);
  });

  it('fit Standard from the traces, warm from the warm files and cold from the burst file; Express is a derived estimate', () => {
    const o = DEFAULT_CALIBRATION.orchestration;
    assert.ok(o.taskDispatch.standard.warm.observations > 100);
    assert.match(o.taskDispatch.standard.warm.source, /warm_128\.csv/);
    assert.doesNotMatch(o.taskDispatch.standard.warm.source, /burst/);
    assert.match(o.taskDispatch.standard.cold.source, /burst_2048\.csv/);
    assert.ok(latencyQuantileMs(o.taskDispatch.standard.cold, 0.5) > latencyQuantileMs(o.taskDispatch.standard.warm, 0.5));
    assert.equal(o.taskDispatch.express.warm.observations, 0);
    assert.match(o.taskDispatch.express.warm.source, /^estimate: /);
  });
});

/** n gaps whose quantiles are exactly those of shift + lognormal(median, sigma): the fit must find them again. */
function knownGaps(n: number, shiftMs: number, medianMs: number, sigma: number, base: Omit<GapObservation, 'gapMs'>): GapObservation[] {
  return Array.from({ length: n }, (_, i) => ({ ...base, gapMs: shiftMs + medianMs * Math.exp(sigma * normalQuantile((i + 0.5) / n)) }));
}

describe('calibration from observations: what the history path relied on', () => {
  it('recovers the median and spread of warm Standard Task dispatches and Map iteration starts', () => {
    const gaps = [
      ...knownGaps(401, 100, 60, 0.4, { kind: 'task', orchestration: 'standard', cold: false }),
      ...knownGaps(201, 5, 20, 0.8, { kind: 'map-iteration', orchestration: 'standard', cold: false }),
    ];
    const c = calibrationFromObservations(gaps, 'synthetic');
    const warm = c.orchestration.taskDispatch.standard.warm;
    assert.equal(warm.observations, 401);
    // The fit puts its floor at half the smallest gap: the median of the whole gap is what must come back.
    const wholeMedian = warm.shiftMs + warm.medianMs;
    assert.ok(Math.abs(wholeMedian - 160) < 2, `median ${wholeMedian}`);
    const map = c.orchestration.mapIterationStart.standard;
    assert.ok(Math.abs(map.shiftMs + map.medianMs - 25) < 1, `map median ${map.shiftMs + map.medianMs}`);
    assert.match(warm.source, /^synthetic: 401 warm standard Task dispatches$/);
  });

  it('keeps the defaults for groups with too few observations, and says so in their source', () => {
    const gaps = knownGaps(3, 0, 300, 0.2, { kind: 'task', orchestration: 'express', cold: true });
    const c = calibrationFromObservations(gaps, 'two runs');
    assert.equal(c.orchestration.taskDispatch.express.cold.medianMs, DEFAULT_CALIBRATION.orchestration.taskDispatch.express.cold.medianMs);
    assert.match(c.orchestration.taskDispatch.express.cold.source, /only 3 cold express Task dispatches in two runs, too few to fit/);
    assert.deepEqual(c.orchestration.taskDispatch.standard, DEFAULT_CALIBRATION.orchestration.taskDispatch.standard);
    assert.equal(c.source, 'two runs');
  });
});

describe('calibration from synthetic histories', () => {
  it('recovers the median and the +1σ quantile of a known Task dispatch distribution through gapsFromHistory', () => {
    const random = seededRandom(23);
    const [shiftMs, medianMs, sigma] = [80, 90, 0.5];
    const truth = { shiftMs, medianMs, sigma };
    const gaps: HistoryGap[] = [];
    for (let e = 0; e < 400; e++) {
      const dispatchMs = latencyQuantileMs(truth, Math.min(0.9999, Math.max(1e-4, random())));
      const handlerMs = 200 + 800 * random();
      // Split the dispatch around the invoke as a real history would: some before TaskStarted, the rest after the handler.
      const beforeMs = dispatchMs * 0.6;
      const events: HistoryEventLike[] = [
        { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: 0 },
        { id: 2, previousEventId: 1, type: 'TaskStateEntered', timestamp: (beforeMs * 0.5) / 1000, stateEnteredEventDetails: { name: 't' } },
        { id: 3, previousEventId: 2, type: 'TaskScheduled', timestamp: (beforeMs * 0.6) / 1000, taskScheduledEventDetails: { resourceType: 'lambda' } },
        { id: 4, previousEventId: 3, type: 'TaskStarted', timestamp: beforeMs / 1000 },
        { id: 5, previousEventId: 4, type: 'TaskSucceeded', timestamp: (dispatchMs * 0.95 + handlerMs) / 1000, taskSucceededEventDetails: { output: JSON.stringify({ SdkResponseMetadata: { RequestId: `r${e}` } }) } },
        { id: 6, previousEventId: 5, type: 'TaskStateExited', timestamp: (dispatchMs + handlerMs) / 1000 },
      ];
      gaps.push(...gapsFromHistory({ execution: `e${e}`, orchestration: 'standard', events }, new Map([[`r${e}`, { durationMs: handlerMs }]])).gaps);
    }
    const fitted = calibrationFromObservations(gaps, 'synthetic histories').orchestration.taskDispatch.standard.warm;
    assert.equal(fitted.observations, 400);
    const within = (got: number, want: number, tolerance: number) => assert.ok(Math.abs(got / want - 1) < tolerance, `${got} vs ${want}`);
    within(latencyQuantileMs(fitted, 0.5), latencyQuantileMs(truth, 0.5), 0.05);
    within(latencyQuantileMs(fitted, 0.8413), latencyQuantileMs(truth, 0.8413), 0.08);
  });
});

/** A trace of task → task → map of 3 → task → loop of 4, each kind of dispatch drawn from its own known shifted lognormal. */
function kindsTrace(executions: number, truths: Record<DispatchKind, LatencyDistribution>, seed: number): string {
  const rng = createRng(seed);
  const draw = (d: LatencyDistribution) => d.shiftMs + d.medianMs * Math.exp(d.sigma * rng.normal());
  const lines = ['func,start,end,is_cold,request_id,provider.execution_duration,provider.init_duration'];
  const add = (func: string, request: string, startMs: number, durationMs: number) =>
    lines.push(`${func},${(startMs / 1000).toFixed(6)},${((startMs + durationMs) / 1000).toFixed(6)},False,${request},${durationMs * 1000},0`);
  for (let e = 0; e < executions; e += 1) {
    const request = `r${e}`;
    let t = 1_000_000 * (e + 1);
    add('one', request, t, 50);
    t += 50 + draw(truths.afterTask);
    add('two', request, t, 50);
    const mapStart = t + 50 + draw(truths.mapFirstItem);
    let mapEnd = 0;
    for (let k = 0; k < 3; k += 1) {
      const start = mapStart + (k === 0 ? 0 : 5 + 10 * rng.next());
      add('item', request, start, 80);
      mapEnd = Math.max(mapEnd, start + 80);
    }
    t = mapEnd + draw(truths.afterMap);
    add('three', request, t, 50);
    t += 50 + draw(truths.mapFirstItem);
    for (let k = 0; k < 4; k += 1) {
      if (k > 0) t += draw(truths.mapNextItem);
      add('looped', request, t, 40);
      t += 40;
    }
  }
  return lines.join('\n');
}

const kindsDefinition = parseSebsDefinition(
  JSON.stringify({
    root: 'a',
    states: {
      a: { type: 'task', func_name: 'one', next: 'b' },
      b: { type: 'task', func_name: 'two', next: 'm' },
      m: { type: 'map', root: 'i', array: 'xs', next: 'c', states: { i: { type: 'task', func_name: 'item' } } },
      c: { type: 'task', func_name: 'three', next: 'l' },
      l: { type: 'loop', func_name: 'looped', array: 'xs' },
    },
  }),
  'kinds.json',
  'kinds',
);

describe('calibration from observations: Task dispatch by kind', () => {
  const truths: Record<DispatchKind, LatencyDistribution> = {
    afterTask: { shiftMs: 40, medianMs: 90, sigma: 0.4 },
    afterMap: { shiftMs: 20, medianMs: 35, sigma: 0.25 },
    mapFirstItem: { shiftMs: 70, medianMs: 120, sigma: 0.35 },
    mapNextItem: { shiftMs: 20, medianMs: 33, sigma: 0.3 },
  };

  it('recovers each kind\'s distribution from a synthetic trace that has every kind, and pools them all in the Task dispatch', () => {
    const { observations } = gapsFromTrace(parseTraceFile(kindsTrace(500, truths, 5), 'kinds.csv'), kindsDefinition);
    const fitted = calibrationFromObservations(observations, 'kinds.csv').orchestration;
    // Per execution: one after a Task, two first items (the map's, the loop's), one after a Map, three next items.
    const counts: Record<DispatchKind, number> = { afterTask: 500, afterMap: 500, mapFirstItem: 1000, mapNextItem: 1500 };
    for (const kind of DISPATCH_KINDS) {
      const fit = fitted.dispatchByKind![kind]!.standard.warm;
      assert.equal(fit.observations, counts[kind], kind);
      assert.equal(fit.source, `kinds.csv: ${counts[kind]} warm standard ${KIND_NAMES[kind]}`);
      // As for the pooled fit above: the median within 3 %, the tail within 8 % (the floor is half the smallest gap).
      for (const [q, tolerance] of [[0.5, 0.03], [0.9, 0.08]] as const) {
        const want = latencyQuantileMs(truths[kind], q);
        assert.ok(Math.abs(latencyQuantileMs(fit, q) - want) / want < tolerance, `${kind} q${q}: ${latencyQuantileMs(fit, q)} vs ${want}`);
      }
    }
    assert.equal(fitted.taskDispatch.standard.warm.observations, 3500);
  });

  it('gives a kind with too few gaps the pooled fit when the fallback has no value of that kind, and says so', () => {
    const gaps = [
      ...knownGaps(200, 50, 100, 0.4, { kind: 'task', dispatch: 'mapFirstItem', orchestration: 'standard', cold: false }),
      ...knownGaps(3, 20, 30, 0.2, { kind: 'task', dispatch: 'afterTask', orchestration: 'standard', cold: false }),
    ];
    const noKinds = { ...DEFAULT_CALIBRATION, orchestration: { ...DEFAULT_CALIBRATION.orchestration, dispatchByKind: undefined } };
    const o = calibrationFromObservations(gaps, 'few', noKinds).orchestration;
    const pooled = o.taskDispatch.standard.warm;
    assert.equal(pooled.observations, 203);
    const afterTask = o.dispatchByKind!.afterTask!.standard.warm;
    assert.deepEqual([afterTask.shiftMs, afterTask.medianMs, afterTask.sigma, afterTask.observations], [pooled.shiftMs, pooled.medianMs, pooled.sigma, 0]);
    assert.equal(afterTask.source, `pooled Task dispatch, only 3 warm standard Task dispatches after a Task in few, too few to fit (${pooled.source})`);
    assert.match(o.dispatchByKind!.afterMap!.standard.warm.source, /^pooled Task dispatch, no warm standard Task dispatches after a Map in few \(/);
    assert.equal(o.dispatchByKind!.mapFirstItem!.standard.warm.observations, 200);
  });

  it('gives a kind the observations refit the pooled value of but measure too little of their own pooled fit; keeps the fallback\'s kind where they refit nothing', () => {
    const gaps = knownGaps(50, 50, 100, 0.4, { kind: 'task', dispatch: 'afterTask', orchestration: 'express', cold: false });
    const o = calibrationFromObservations(gaps, 'express tasks').orchestration;
    assert.equal(o.dispatchByKind!.afterTask!.express.warm.observations, 50);
    // Express warm: their own pooled fit (the same 50 gaps), not the shipped kind.
    const next = o.dispatchByKind!.mapNextItem!.express.warm;
    assert.deepEqual([next.medianMs, next.observations], [o.taskDispatch.express.warm.medianMs, 0]);
    assert.match(next.source, /^pooled Task dispatch, no warm express Map next-item dispatches in express tasks \(express tasks: 50 warm express Task dispatches\)$/);
    // Standard and the cold values: nothing refit, the shipped kinds kept.
    assert.deepEqual(o.dispatchByKind!.mapNextItem!.standard, DEFAULT_CALIBRATION.orchestration.dispatchByKind!.mapNextItem!.standard);
    assert.deepEqual(o.dispatchByKind!.mapNextItem!.express.cold, DEFAULT_CALIBRATION.orchestration.dispatchByKind!.mapNextItem!.express.cold);
  });
});

describe('the cold Task dispatch outside a wave', () => {
  it('is fitted for the shipped defaults from the warm files\' cold Task gaps, apart from the burst\'s', () => {
    const o = DEFAULT_CALIBRATION.orchestration;
    const isolated = o.isolatedColdTaskDispatch!.standard!;
    assert.equal(isolated.observations, 10);
    // 12 gaps, 2 of them negative (a skew between environments' clocks): the fit drops those.
    assert.match(isolated.source, /their cold gaps, Init Duration subtracted\): 12 isolated cold standard Task dispatches$/);
    // Alone a new environment is placed about as fast as a warm one is reached; a burst's wave is far slower.
    assert.ok(latencyQuantileMs(isolated, 0.5) < 1.5 * latencyQuantileMs(o.taskDispatch.standard.warm, 0.5));
    assert.ok(latencyQuantileMs(o.taskDispatch.standard.cold, 0.5) > 4 * latencyQuantileMs(isolated, 0.5));
  });

  it('is dropped for a workflow type whose cold dispatch the observations refit (they cover every cold start), kept for the other', () => {
    const gaps = knownGaps(20, 100, 400, 0.3, { kind: 'task', orchestration: 'standard', cold: true });
    const o = calibrationFromObservations(gaps, 'cold histories').orchestration;
    assert.equal(o.taskDispatch.standard.cold.observations, 20);
    assert.equal(o.isolatedColdTaskDispatch?.standard, undefined);
    assert.deepEqual(o.isolatedColdTaskDispatch?.express, DEFAULT_CALIBRATION.orchestration.isolatedColdTaskDispatch!.express);
    const few = calibrationFromObservations(gaps.slice(0, 3), 'three').orchestration;
    assert.deepEqual(few.isolatedColdTaskDispatch, DEFAULT_CALIBRATION.orchestration.isolatedColdTaskDispatch);
  });
});

describe('the shipped defaults by kind', () => {
  it('fit each warm kind from the warm files that measure it, and draw the pooled cold dispatch for every kind (no cold gap has a kind)', () => {
    const kinds = DEFAULT_CALIBRATION.orchestration.dispatchByKind!;
    assert.equal(kinds.afterTask!.standard.warm.observations, 209);
    for (const kind of DISPATCH_KINDS) {
      assert.ok(kinds[kind]!.standard.warm.observations > 0, kind);
      assert.equal(kinds[kind]!.standard.cold.observations, 0, kind);
      assert.equal(kinds[kind]!.standard.cold.medianMs, DEFAULT_CALIBRATION.orchestration.taskDispatch.standard.cold.medianMs, kind);
    }
  });

  it('leave trip-booking out and its kind, a Task after a Task, draws the pooled warm dispatch: no other file measures it', () => {
    const others = calibrationFromSebsTraces(sebsCorpus().filter((e) => !e.file.includes('trip-booking'))).orchestration;
    const afterTask = others.dispatchByKind!.afterTask!.standard.warm;
    assert.equal(afterTask.observations, 0);
    assert.equal(afterTask.medianMs, others.taskDispatch.standard.warm.medianMs);
    assert.match(afterTask.source, /^no warm Task dispatches after a Task: the pooled warm Task dispatch/);
  });
});

describe('the corpus rule (shipped defaults and leave-one-out)', () => {
  it('derives what the files leave unmeasured instead of taking it from the shipped defaults', () => {
    // Without the burst file nothing measures a cold dispatch: the value is the warm fit, observations 0, never
    // the shipped cold value (fitted from the very file left out).
    const warmOnly = calibrationFromSebsTraces(sebsCorpus().filter((e) => e.mode === 'warm'));
    const o = warmOnly.orchestration.taskDispatch.standard;
    assert.equal(o.cold.observations, 0);
    assert.equal(o.cold.medianMs, o.warm.medianMs);
    assert.match(o.cold.source, /^no cold gaps: the warm value/);
    assert.notEqual(o.cold.medianMs, DEFAULT_CALIBRATION.orchestration.taskDispatch.standard.cold.medianMs);
  });
});

describe('fitting gaps at the timestamps\' resolution', () => {
  it('writes a calibration its own reader accepts when most Map iteration starts are 0 ms (local histories)', () => {
    // 40 iterations started in the same millisecond as their Map, 10 one millisecond later, 5 two: a local run.
    const starts = [...Array(40).fill(0), ...Array(10).fill(1), ...Array(5).fill(2)].map((gapMs) => ({ kind: 'map-iteration' as const, orchestration: 'express' as const, cold: false, gapMs }));
    const fitted = calibrationFromObservations(starts, 'local histories');
    const map = fitted.orchestration.mapIterationStart.express;
    assert.equal(map.observations, 55);
    assert.ok(map.sigma <= 5, `σ ${map.sigma}`);
    assert.ok(latencyQuantileMs(map, 0.5) < 1 && latencyQuantileMs(map, 0.95) < 3, `p50 ${latencyQuantileMs(map, 0.5)}, p95 ${latencyQuantileMs(map, 0.95)}`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dagc-fit-')), 'calibration.json');
    writeFileSync(file, calibrationFileText(fitted));
    assert.equal(readCalibrationFile(file).orchestration.mapIterationStart.express.observations, 55);
  });
});
