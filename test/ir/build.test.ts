import assert from 'node:assert/strict';
import path from 'node:path';
import { loadAppIr } from '../../src/ir/load-app.ts';
import { print } from '../../src/ir/print.ts';
import { verify } from '../../src/ir/verify.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const fullSample = path.join(projectRoot, 'test/spec/samples/valid-full.yaml');

// Each test loads the sample itself (not once per describe): code run outside a test is, for mutation
// testing, "static" and makes every mutant in it need a fresh test process (docs/testing.md).
const loadSample = () => loadAppIr(fullSample);

describe('buildIr', () => {

  it('parses sizes, durations, the SLO and the region into numbers with units', () => {
    const ir = loadSample();
    assert.deepEqual(ir.slo, { percentile: 'p95', latencyMs: 2500 });
    assert.equal(ir.region, 'eu-west-1');
    assert.equal(ir.functions.get('split')?.timeoutMs, 60_000);
    assert.equal(ir.graph.node('split').outputBytes, 200 * 1024);
  });

  it('applies Lambda defaults to unset memory and timeout', () => {
    const ir = loadSample();
    assert.equal(ir.functions.get('work')?.memoryMb, 128);
    assert.equal(ir.functions.get('work')?.timeoutMs, 3000);
  });

  it('keeps the first listed architecture as today\'s', () => {
    const ir = loadSample();
    assert.deepEqual(ir.functions.get('split')?.architectures, ['arm64', 'x86_64']);
    assert.deepEqual(ir.functions.get('work')?.architectures, ['x86_64']);
  });

  it('turns every kind of width into a distribution', () => {
    const ir = loadSample();
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
    const ir = loadSample();
    assert.equal(ir.graph.edge('fixed', 'gate').bytes, 16 * 1024);
    assert.equal(ir.graph.edge('split', 'fixed').bytes, 200 * 1024);
  });

  it('records the source position of every step', () => {
    const ir = loadSample();
    const node = ir.graph.node('gate');
    assert.equal(node.position?.line, 15);
    assert.equal(node.position?.column, 3);
  });

  it('produces an IR that verifies and prints stably', () => {
    const ir = loadSample();
    assert.deepEqual(verify(ir), []);
    assert.equal(print(ir), print(loadAppIr(fullSample)));
    assert.match(print(ir), /^step gate choice branches=heavy:0.3,light:0.7 outputBytes=0$/m);
  });

  it('keeps functions in name order and resolves handler and payload paths beside the spec, with each option it sets', () => {
    const ir = loadSample();
    // The sample lists split, work, infer.
    assert.deepEqual([...ir.functions.keys()], ['infer', 'split', 'work']);
    const samples = path.dirname(fullSample);
    const split = ir.functions.get('split')!;
    assert.equal(split.handlerPath, path.join(samples, 'handlers/ok.mjs'));
    assert.equal(split.payloadPath, path.join(samples, 'events/ok.json'));
    assert.equal(split.memoryMb, 1024);
    const work = ir.functions.get('work')!;
    assert.equal(work.minMemoryMb, 256);
    assert.equal(work.maxMemoryMb, 4096);
    assert.equal(work.payloadPath, undefined);
    assert.equal(ir.functions.get('infer')!.accelerator, 'gpu');
    assert.equal(ir.functions.get('infer')!.handlerPath, undefined);
  });

  it('sizes a map\'s out-edge by its mean width, an unset output as 0 bytes, and keeps a map\'s concurrency', () => {
    const ir = loadSample();
    // ranged: uniform 4..12, mean 8, output unset (0 bytes); discrete 2·0.25 + 8·0.75 = 6.5 items of 0 bytes.
    assert.equal(ir.graph.edge('ranged', 'gate').bytes, 0);
    assert.equal(ir.graph.node('done').outputBytes, 10);
    const fixed = ir.graph.node('fixed');
    assert.ok(fixed.kind === 'map');
    assert.equal(fixed.maxConcurrency, 8);
    const ranged = ir.graph.node('ranged');
    assert.ok(ranged.kind === 'map');
    assert.equal(ranged.maxConcurrency, 0);
    assert.equal(ir.graph.edge('heavy', 'done').bytes, 0);
    assert.deepEqual(ir.graph.predecessors('gate')!.slice().sort(), ['discrete', 'fixed', 'ranged']);
  });

  it('records the source position of every function at its key', () => {
    const ir = loadSample();
    // valid-full.yaml: `  split: { handler: …` is line 7, the key at column 3.
    const position = ir.functions.get('split')!.position;
    assert.equal(position?.line, 7);
    assert.equal(position?.column, 3);
  });

  it('sets only the options a function states, and adds steps in id order whatever the spec\'s order', () => {
    const ir = loadSample();
    // split states handler, payload, memory, timeout and architectures; nothing of accelerator or memory bounds.
    assert.deepEqual(Object.keys(ir.functions.get('split')!).sort(), ['architectures', 'handlerPath', 'memoryMb', 'name', 'payloadPath', 'position', 'timeoutMs']);
    assert.deepEqual(Object.keys(ir.functions.get('infer')!).sort(), ['accelerator', 'architectures', 'memoryMb', 'name', 'position', 'timeoutMs']);
    // The sample lists split, fixed, ranged, discrete, gate, heavy, light, done.
    assert.deepEqual(ir.graph.nodes(), ['discrete', 'done', 'fixed', 'gate', 'heavy', 'light', 'ranged', 'split']);
  });
});

