import assert from 'node:assert/strict';
import path from 'node:path';
import { loadAppIr } from '../../src/ir/load-app.ts';
import { print } from '../../src/ir/print.ts';
import { verify } from '../../src/ir/verify.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const fullSample = path.join(projectRoot, 'test/spec/samples/valid-full.yaml');

describe('buildIr', () => {
  const ir = loadAppIr(fullSample);

  it('parses sizes, durations, the SLO and the region into numbers with units', () => {
    assert.deepEqual(ir.slo, { percentile: 'p95', latencyMs: 2500 });
    assert.equal(ir.region, 'eu-west-1');
    assert.equal(ir.functions.get('split')?.timeoutMs, 60_000);
    assert.equal(ir.graph.node('split').outputBytes, 200 * 1024);
  });

  it('applies Lambda defaults to unset memory and timeout', () => {
    assert.equal(ir.functions.get('work')?.memoryMb, 128);
    assert.equal(ir.functions.get('work')?.timeoutMs, 3000);
  });

  it('keeps the first listed architecture as today\'s', () => {
    assert.deepEqual(ir.functions.get('split')?.architectures, ['arm64', 'x86_64']);
    assert.deepEqual(ir.functions.get('work')?.architectures, ['x86_64']);
  });

  it('turns every kind of width into a distribution', () => {
    const kinds = ['fixed', 'ranged', 'discrete'].map((id) => {
      const node = ir.graph.node(id);
      return node.kind === 'map' ? node.width : undefined;
    });
    assert.deepEqual(kinds, [
      { kind: 'fixed', width: 16 },
      { kind: 'uniform', min: 4, max: 12 },
      { kind: 'discrete', values: [2, 8], probabilities: [0.25, 0.75] },
    ]);
  });

  it('puts a map\'s output times its mean width on its out-edges', () => {
    assert.equal(ir.graph.edge('fixed', 'gate').bytes, 16 * 1024);
    assert.equal(ir.graph.edge('split', 'fixed').bytes, 200 * 1024);
  });

  it('records the source position of every step', () => {
    const node = ir.graph.node('gate');
    assert.equal(node.position?.line, 15);
    assert.equal(node.position?.column, 3);
  });

  it('produces an IR that verifies and prints stably', () => {
    assert.deepEqual(verify(ir), []);
    assert.equal(print(ir), print(loadAppIr(fullSample)));
    assert.match(print(ir), /^step gate choice branches=heavy:0.3,light:0.7 outputBytes=0$/m);
  });
});
