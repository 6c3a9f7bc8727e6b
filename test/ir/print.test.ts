import assert from 'node:assert/strict';
import { print } from '../../src/ir/print.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('print', () => {
  it('writes the app, then functions, steps and edges each sorted, one per line', () => {
    // Steps inserted out of order; m is a discrete map, u a uniform one, c a choice between them.
    const ir = irOf(
      { z: [], c: ['z'], m: ['c'], u: ['c'] },
      {
        c: { choice: { u: 0.75, m: 0.25 }, outputBytes: 5 },
        m: { map: { kind: 'discrete', values: [2, 8], probabilities: [0.5, 0.5] }, outputBytes: 10 },
        u: { map: { kind: 'uniform', min: 1, max: 4 }, outputBytes: 0 },
        z: { outputBytes: 7 },
      },
      'shop',
    );
    ir.slo = { percentile: 'p95', latencyMs: 2000 };
    ir.region = 'eu-west-1';
    Object.assign(ir.functions.get('m')!, { accelerator: 'gpu', minMemoryMb: 512, maxMemoryMb: 2048, handlerPath: '/h/m.mjs', architectures: ['arm64', 'x86_64'] });
    (ir.graph.node('u') as { maxConcurrency: number }).maxConcurrency = 3;
    assert.equal(
      print(ir),
      [
        'app shop region=eu-west-1 slo=p95:2000ms',
        'function m memoryMb=1024 timeoutMs=900000 arch=arm64,x86_64 accelerator=gpu minMemoryMb=512 maxMemoryMb=2048 handler',
        'function u memoryMb=1024 timeoutMs=900000 arch=x86_64',
        'function z memoryMb=1024 timeoutMs=900000 arch=x86_64',
        'step c choice branches=m:0.25,u:0.75 outputBytes=5',
        'step m map fn=m width=2@0.5|8@0.5 maxConcurrency=0 outputBytes=10',
        'step u map fn=u width=1..4 maxConcurrency=3 outputBytes=0',
        'step z task fn=z outputBytes=7',
        'edge c -> m bytes=5',
        'edge c -> u bytes=5',
        'edge z -> c bytes=7',
        '',
      ].join('\n'),
    );
  });

  it('leaves the SLO out when there is none and prints a fixed width as its number', () => {
    const ir = irOf({ a: [] }, { a: { map: { kind: 'fixed', width: 12 } } });
    assert.equal(print(ir), 'app test-app region=us-east-1\nfunction a memoryMb=1024 timeoutMs=900000 arch=x86_64\nstep a map fn=a width=12 maxConcurrency=0 outputBytes=1024\n');
  });
});
