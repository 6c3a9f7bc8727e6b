import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import { inEdgeText, stepLabel, stepLabels } from '../../src/report/step-labels.ts';
import { irOf } from '../helpers/ir-builder.ts';

function fusedApp() {
  const ir = irOf(
    { load: [], fan: ['load'], gate: ['fan'], left: ['gate'], right: ['gate'], merge: ['left', 'right'] },
    { fan: { map: { kind: 'uniform', min: 8, max: 32 }, functionName: 'work' }, gate: { choice: { left: 0.25, right: 0.75 } }, merge: { outputBytes: 512 } },
  );
  const deployment: Deployment = {
    functions: {
      load: { memoryMb: 512, architecture: 'x86_64' },
      work: { memoryMb: 1769, architecture: 'arm64' },
      left: { memoryMb: 256, architecture: 'x86_64' },
      right: { memoryMb: 256, architecture: 'x86_64', batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } },
      merge: { memoryMb: 128, architecture: 'x86_64' },
    },
    steps: { fan: { bundleSize: 4, map: { mode: 'distributed', maxConcurrency: 100 } }, left: { fusionGroup: 'g1' }, merge: { fusionGroup: 'g1', prewarm: 2 } },
    edges: { 'load->fan': 's3', 'left->merge': 'in-process' },
    orchestration: 'standard',
    groups: { g1: { steps: ['left', 'merge'], memoryMb: 3008, architecture: 'arm64' } },
  };
  return { ir, deployment };
}

describe('report step labels', () => {
  it('labels a map step with its function, memory, width, bundle size, map mode and in-edge mode', () => {
    const { ir, deployment } = fusedApp();
    const label = stepLabel(ir, deployment, 'fan');
    assert.equal(label.functionName, 'work');
    assert.equal(label.memory, '1769 MB arm64');
    assert.equal(label.mapWidth, '×8–32');
    assert.equal(label.bundleSize, 4);
    assert.equal(label.mapMode, 'distributed');
    assert.deepEqual(label.inEdges, [{ from: 'load', mode: 's3' }]);
    assert.deepEqual(label.lines, ['work · 1769 MB arm64', 'map ×8–32 · bundle 4 · distributed', 'not fused', 'in: s3']);
  });

  it("gives a fused step its group's memory and architecture, the group's name, and in-process in-edges", () => {
    const { ir, deployment } = fusedApp();
    const merge = stepLabel(ir, deployment, 'merge');
    assert.equal(merge.memory, '3008 MB arm64');
    assert.equal(merge.fusionGroup, 'g1');
    assert.ok(merge.lines.includes('fused in g1'));
    assert.ok(merge.lines.includes('prewarm 2'));
    // right → merge is open in the deployment: the default rule (inline when it fits) fills it in, as the estimator does.
    assert.deepEqual(merge.inEdges, [{ from: 'left', mode: 'in-process' }, { from: 'right', mode: 'inline' }]);
  });

  it('labels a Batch function by its instance, a choice by its branch probabilities, a source as the start', () => {
    const { ir, deployment } = fusedApp();
    assert.equal(stepLabel(ir, deployment, 'right').memory, 'Batch g4dn.xlarge (4 vCPU, 1 GPU)');
    assert.equal(stepLabel(ir, deployment, 'gate').lines[0], 'choice: left 25%, right 75%');
    assert.equal(stepLabel(ir, deployment, 'load').lines.at(-1), 'in: — (start)');
  });

  it('lists every step once, sources first', () => {
    const { ir, deployment } = fusedApp();
    const ids = stepLabels(ir, deployment).map((l) => l.id);
    assert.deepEqual([...ids].sort(), [...ir.graph.nodes()].sort());
    assert.equal(ids[0], 'load');
    assert.equal(ids.at(-1), 'merge');
  });

  it('counts repeated in-edge modes', () => {
    assert.equal(inEdgeText([{ mode: 's3' }, { mode: 'inline' }, { mode: 's3' }]), 'inline, s3 ×2');
  });
});
