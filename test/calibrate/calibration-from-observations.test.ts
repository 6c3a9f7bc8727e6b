import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { calibrationFromObservations } from '../../src/calibrate/calibration-from-observations.ts';
import { parseSebsDefinition } from '../../src/calibrate/sebs-flow-definition.ts';
import { calibrationFromSebsTraces } from '../../src/calibrate/sebs-trace-corpus.ts';
import { parseTraceFile } from '../../src/calibrate/trace-file.ts';
import { gapsFromTrace } from '../../src/calibrate/trace-gaps.ts';
import { DEFAULT_CALIBRATION, latencyQuantileMs, type LatencyDistribution } from '../../src/model/calibration.ts';
import { createRng } from '../../src/sim/random.ts';
import { renderFittedOrchestration, sebsCorpus } from '../../scripts/fit-orchestration-defaults.ts';

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
    assert.equal(task.source, 'synthetic.csv');
  });

  it('keeps the fallback\'s value, with its source, for every part the observations do not cover', () => {
    const fitted = calibrationFromObservations([{ kind: 'task', orchestration: 'standard', cold: false, gapMs: 100 }], 'one gap');
    assert.deepEqual(fitted.orchestration.taskDispatch, DEFAULT_CALIBRATION.orchestration.taskDispatch);
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
