import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { edgeKey } from '../../../src/ir/deployment.ts';
import { loadAppIr } from '../../../src/ir/load-app.ts';
import { decompose } from '../../../src/ir/decompose.ts';
import { readProfiles } from '../../../src/model/profile.ts';
import { optimize } from '../../../src/passes/optimize.ts';
import { OptimizerSession } from '../../../src/passes/optimizer-session.ts';
import { ALL_DECISIONS, optimizerPipeline } from '../../../src/passes/pipeline.ts';
import type { StrategyInput } from '../../../src/passes/strategy.ts';
import { runProbabilities } from '../../../src/passes/run-probability.ts';
import { monteCarloEstimateFn } from '../../../src/sim/index.ts';
import { irOf } from '../../helpers/ir-builder.ts';
import { projectRoot } from '../../helpers/run-cli.ts';

const fixtures = readdirSync(path.join(projectRoot, 'fixtures'))
  .filter((app) => existsSync(path.join(projectRoot, 'fixtures', app, 'profiles')))
  .sort();

describe('optimizer pipeline', function () {
  this.timeout(120_000);

  for (const app of fixtures) {
    it(`keeps ${app}'s IR valid after every pass, emits a series-parallel DAG and sets every edge's data passing`, () => {
      const ir = loadAppIr(path.join(projectRoot, 'fixtures', app, 'app.yaml'));
      const { profiles } = readProfiles(ir);
      // Few samples: this checks invariants, not plan quality.
      const result = optimize(ir, profiles, { slo: ir.slo!, estimate: monteCarloEstimateFn(profiles, { samples: 200, seed: 1 }), verifyBetweenPasses: true });
      assert.ok(decompose(result.ir).ok, 'the emitted DAG is series-parallel');
      for (const { v, w } of result.ir.graph.edges()) assert.ok(result.deployment.edges[edgeKey(v, w)], `edge ${v}->${w} has a mode`);
      assert.deepEqual(Object.keys(result.deployment.functions).sort(), [...ir.functions.keys()].sort());
      const gpu = [...ir.functions.values()].some((f) => f.accelerator === 'gpu');
      assert.deepEqual([...new Set(result.decisions.map((d) => d.pass))], [...(gpu ? ['accelerator'] : []), 'long-steps', 'structure', 'slack-allotment', 'data-passing', 'orchestration', 'memory-sizing', 'prewarm', 'summary']);
      if (gpu) assert.ok(Object.values(result.deployment.functions).some((f) => f.batch), 'a GPU function runs as a Batch job');
    });
  }

  it('weighs steps inside conditional branches by the probability of reaching them', () => {
    const ir = irOf(
      { gate: [], left: ['gate'], right: ['gate'], inner: ['right'], deep: ['inner'], after: ['left', 'deep'] },
      { gate: { choice: { left: 0.25, right: 0.75 } } },
    );
    const tree = decompose(ir);
    assert.ok(tree.ok);
    const p = runProbabilities(tree.tree);
    assert.equal(p.get('gate'), 1);
    assert.equal(p.get('left'), 0.25);
    assert.equal(p.get('deep'), 0.75);
    assert.equal(p.get('after'), 1);
  });

  it('runs the passes in the documented order, prewarm only when asked for, and a baseline in place of memory sizing without prewarm', () => {
    const session = new OptimizerSession(new Map(), () => assert.fail('building the pipeline estimates nothing'), { percentile: 'p95', latencyMs: 1 });
    const names = (...args: Parameters<typeof optimizerPipeline> extends [unknown, ...infer R] ? R : never) => optimizerPipeline(session, ...args).map((p) => p.name);
    const start = ['accelerator', 'long-steps', 'structure', 'slack-allotment', 'data-passing'];
    assert.deepEqual(names(), [...start, 'memory-sizing', 'prewarm', 'data-passing']);
    assert.deepEqual(names(undefined, ALL_DECISIONS), [...start, 'memory-sizing', 'prewarm', 'data-passing']);
    assert.deepEqual(names(undefined, { ...ALL_DECISIONS, prewarm: false }), [...start, 'memory-sizing', 'data-passing']);
    const strategy = (input: StrategyInput) => ({ strategy: 'greedy', deployment: input.base!, decisions: [] });
    assert.deepEqual(names({ name: 'greedy', strategy }), [...start, 'greedy', 'data-passing']);
    assert.deepEqual(ALL_DECISIONS, { fusion: true, bundling: true, distributedMaps: true, orchestration: true, prewarm: true });
  });
});
