import assert from 'node:assert/strict';
import { currentDeployment, edgeKey } from '../../src/ir/deployment.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('deployment', () => {
  it('keys an edge as from->to', () => {
    assert.equal(edgeKey('load', 'resize'), 'load->resize');
  });

  it('deploys today\'s settings: each function at its memory and first architecture, Standard, nothing else decided', () => {
    const ir = irOf({ b: [], a: ['b'] });
    Object.assign(ir.functions.get('a')!, { memoryMb: 512, architectures: ['arm64', 'x86_64'] });
    Object.assign(ir.functions.get('b')!, { memoryMb: 2048, architectures: ['x86_64', 'arm64'] });
    const deployment = currentDeployment(ir);
    assert.deepEqual(deployment, {
      functions: { a: { memoryMb: 512, architecture: 'arm64' }, b: { memoryMb: 2048, architecture: 'x86_64' } },
      steps: {},
      edges: {},
      orchestration: 'standard',
    });
    assert.deepEqual(Object.keys(deployment.functions), ['a', 'b']);
  });

  it('falls back to x86_64 for a function that lists no architecture', () => {
    const ir = irOf({ a: [] });
    ir.functions.get('a')!.architectures = [];
    assert.equal(currentDeployment(ir).functions.a!.architecture, 'x86_64');
  });
});
