// Property test: any plan shape the Deployment type allows — random DAGs
// (series-parallel or staged), fused chains, S3 or inline edges on the staged
// DAG (as the optimizer keys them), prewarm, warm-up pings, a Batch function,
// either orchestration — renders a template that passes the offline check and
// grants nothing beyond the plan's own resources.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkTemplateText } from '../../../src/codegen/sam/check-template.ts';
import { renderTemplate } from '../../../src/codegen/sam/render-template.ts';
import { currentDeployment, edgeKey, type Deployment } from '../../../src/ir/deployment.ts';
import { toSeriesParallel } from '../../../src/ir/series-parallelize.ts';
import type { IR } from '../../../src/ir/types.ts';
import { instanceArbitrary } from '../../helpers/random-instance.ts';
import { judge } from './iam-judge.ts';

interface Choices {
  s3: boolean[];
  prewarm: number[];
  warm: (number | null)[];
  fuseFirstChain: boolean;
  batch: number | null;
  express: boolean;
}

function deploymentOf(ir: IR, choices: Choices): Deployment {
  const deployment = currentDeployment(ir);
  const steps = [...ir.graph.nodes()].sort();
  // A fusion group of the first edge u→v that is a chain link (u's only successor, v's only predecessor).
  if (choices.fuseFirstChain) {
    const link = ir.graph.edges().find(({ v, w }) => ir.graph.successors(v)!.length === 1 && ir.graph.predecessors(w)!.length === 1);
    if (link) {
      deployment.groups = { fused: { steps: [link.v, link.w], memoryMb: 2048, architecture: 'x86_64' } };
      deployment.steps[link.v] = { fusionGroup: 'fused' };
      deployment.steps[link.w] = { fusionGroup: 'fused' };
    }
  }
  steps.forEach((step, i) => {
    const own = deployment.steps[step] ?? {};
    if ((choices.prewarm[i] ?? 0) > 0) own.prewarm = choices.prewarm[i]!;
    const warmer = choices.warm[i];
    if (warmer !== null && warmer !== undefined && warmer < i) own.warmedBy = steps[warmer]!;
    deployment.steps[step] = own;
  });
  if (choices.batch !== null && !deployment.groups) {
    const fn = steps[choices.batch % steps.length]!;
    deployment.functions[fn] = { ...deployment.functions[fn]!, batch: { instanceType: 'g5.xlarge', vcpus: 4, gpus: 1 } };
  } else if (choices.express) {
    deployment.orchestration = 'express';
  }
  const staged = toSeriesParallel(ir).ir;
  staged.graph.edges().sort((a, b) => (edgeKey(a.v, a.w) < edgeKey(b.v, b.w) ? -1 : 1)).forEach(({ v, w }, i) => {
    const fused = deployment.steps[v]?.fusionGroup !== undefined && deployment.steps[v]?.fusionGroup === deployment.steps[w]?.fusionGroup;
    deployment.edges[edgeKey(v, w)] = fused ? 'in-process' : choices.s3[i % choices.s3.length] ? 's3' : 'inline';
  });
  return deployment;
}

const choicesArbitrary: fc.Arbitrary<Choices> = fc.record({
  s3: fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
  prewarm: fc.array(fc.constantFrom(0, 0, 0, 2), { maxLength: 8 }),
  warm: fc.array(fc.option(fc.nat(7), { freq: 3 }), { maxLength: 8 }),
  fuseFirstChain: fc.boolean(),
  batch: fc.option(fc.nat(7), { freq: 3 }),
  express: fc.boolean(),
});

describe('SAM template over random plans', function () {
  this.timeout(300_000);

  it('always passes the offline check and grants nothing beyond the plan', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 8 }).map(({ ir }) => ir), choicesArbitrary, (ir, choices) => {
        const deployment = deploymentOf(ir, choices);
        const text = renderTemplate(ir, deployment);
        assert.deepEqual(checkTemplateText(text, 'template.yaml'), []);
        judge(ir, deployment);
      }),
      { numRuns: 60, seed: 22 },
    );
  });
});
