import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { Slo } from '../../src/ir/types.ts';
import type { EstimateFn } from '../../src/passes/estimator-port.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import type { StrategyInput, StrategyResult } from '../../src/passes/strategy.ts';
import { strategyPass } from '../../src/passes/strategy-pass.ts';
import { irOf } from '../helpers/ir-builder.ts';

const SLO: Slo = { percentile: 'p90', latencyMs: 1234 };
const BATCH = { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 };

function setup(structural: boolean) {
  const ir = irOf({ gpu: [], f: ['gpu'] });
  const base: Deployment = { ...currentDeployment(ir), edges: { 'gpu->f': 's3' } };
  base.functions['gpu'] = { memoryMb: 16_384, architecture: 'x86_64', batch: BATCH };
  const seen: StrategyInput[] = [];
  // The strategy sizes every function (the Batch job too, as a memory-only baseline would) and sets structure of its own.
  const strategy = (input: StrategyInput): StrategyResult => {
    seen.push(input);
    return {
      strategy: 'test',
      deployment: { functions: { gpu: { memoryMb: 128, architecture: 'x86_64' }, f: { memoryMb: 2048, architecture: 'arm64' } }, steps: { f: { prewarm: 1 } }, edges: {}, orchestration: 'express' },
      decisions: [{ pass: 'test', kind: 'passed', subject: 'f', chosen: '2048 MB', numbers: {}, rejected: [] }],
      ...(structural ? { structural: true } : {}),
    };
  };
  const estimate: EstimateFn = () => assert.fail('the pass itself estimates nothing');
  const context: PassContext = { slo: SLO, profiles: new Map(), estimate };
  return { ir, base, strategy, seen, context };
}

describe('strategy pass', () => {
  it('hands the baseline the IR, profiles, SLO, estimator and the deployment so far, and keeps only its memory choices', () => {
    const { ir, base, strategy, seen, context } = setup(false);
    const pass = strategyPass('greedy', strategy);
    assert.equal(pass.name, 'greedy');
    assert.equal(pass.summary, 'size every function with the greedy baseline');
    const result = pass.run({ ir, deployment: base }, context);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.ir, ir);
    assert.equal(seen[0]!.slo, SLO);
    assert.equal(seen[0]!.profiles, context.profiles);
    assert.equal(seen[0]!.estimate, context.estimate);
    assert.equal(seen[0]!.base, base);
    assert.equal(result.ir, ir);
    assert.deepEqual(result.deployment, {
      ...base,
      functions: { gpu: { memoryMb: 16_384, architecture: 'x86_64', batch: BATCH }, f: { memoryMb: 2048, architecture: 'arm64' } },
    });
    assert.deepEqual(result.decisions.map((d) => d.chosen), ['2048 MB']);
  });

  it("keeps a structural strategy's whole deployment, with the Batch jobs still Batch jobs", () => {
    const { ir, base, strategy, context } = setup(true);
    const result = strategyPass('exhaustive', strategy).run({ ir, deployment: base }, context);
    assert.equal(result.deployment.orchestration, 'express');
    assert.deepEqual(result.deployment.steps, { f: { prewarm: 1 } });
    assert.deepEqual(result.deployment.edges, {});
    assert.deepEqual(result.deployment.functions, { gpu: { memoryMb: 16_384, architecture: 'x86_64', batch: BATCH }, f: { memoryMb: 2048, architecture: 'arm64' } });
  });
});
