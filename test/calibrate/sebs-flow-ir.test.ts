import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSebsDefinition } from '../../src/calibrate/sebs-flow-definition.ts';
import { sebsWorkflowIr } from '../../src/calibrate/sebs-flow-ir.ts';
import type { IR } from '../../src/ir/types.ts';
import { verify } from '../../src/ir/verify.ts';

const definitions = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/sebs-flow/definitions');
const read = (benchmark: string) => readSebsDefinition(path.join(definitions, `${benchmark}.definition.json`));

/** Edges as 'from→to', sorted; and each node as id:kind[width/concurrency]. */
function edges(ir: IR): string[] {
  return ir.graph.edges().map((e) => `${e.v}→${e.w}`).sort();
}
function nodes(ir: IR): string[] {
  return ir.graph
    .nodes()
    .map((id) => {
      const n = ir.graph.node(id);
      return n.kind === 'map' && n.width.kind === 'fixed' ? `${id}:map(${n.functionName}×${n.width.width}${n.maxConcurrency === 1 ? ', one at a time' : ''})` : `${id}:${n.kind}`;
    })
    .sort();
}

describe('SeBS-Flow workflow → dagc IR', () => {
  it('turns map-reduce into a chain of tasks and maps of the given widths, every function at the given memory', () => {
    const ir = sebsWorkflowIr(read('660.map-reduce'), { memoryMb: 256, widths: { 'map-state': 3, 'reduce-state': 5 } });
    assert.deepEqual(nodes(ir), ['map-state:map(map×3)', 'reduce-state:map(reduce×5)', 'shuffle:task', 'split:task']);
    assert.deepEqual(edges(ir), ['map-state→shuffle', 'shuffle→reduce-state', 'split→map-state']);
    assert.deepEqual([...ir.functions.values()].map((f) => f.memoryMb), [256, 256, 256, 256]);
    assert.deepEqual(verify(ir), []);
  });

  it('turns excamera\'s loop into a map run one item at a time', () => {
    const ir = sebsWorkflowIr(read('680.excamera'), { memoryMb: 512, widths: { 'encode-state': 5, 'reencode-state': 5, 'rebase-state': 5 } });
    assert.ok(nodes(ir).includes('rebase-state:map(rebase×5, one at a time)'));
    assert.deepEqual(verify(ir), []);
  });

  it('fans 1000-genome\'s parallels out from the state before and into the state after', () => {
    const ir = sebsWorkflowIr(read('6100.1000-genome'), { memoryMb: 2048, widths: { individuals: 5, frequency: 6, mutation_overlap: 6 } });
    assert.deepEqual(edges(ir), [
      'individuals_merge→frequency',
      'individuals_merge→mutation_overlap',
      'individuals→individuals_merge',
      'individuals→sifting',
      'sifting→frequency',
      'sifting→mutation_overlap',
    ]);
    assert.deepEqual(verify(ir), []);
  });

  it('runs a state that failed, then its failure chain in place of the rest (trip-booking\'s caught confirm)', () => {
    const ir = sebsWorkflowIr(read('6200.trip-booking'), { memoryMb: 128, widths: {}, failedStates: new Set(['confirm']) });
    assert.deepEqual(edges(ir), ['cancel_flight→cancel_rental', 'cancel_rental→cancel_hotel', 'confirm→cancel_flight', 'flight→confirm', 'hotel→rental', 'rental→flight']);
    assert.equal(ir.functions.get('confirm')?.name, 'confirm');
    // A failure earlier in the chain: rental runs, fails, and its compensation (cancel_hotel) follows it; flight never runs.
    const early = sebsWorkflowIr(read('6200.trip-booking'), { memoryMb: 128, widths: {}, failedStates: new Set(['rental']) });
    assert.deepEqual(edges(early), ['hotel→rental', 'rental→cancel_hotel']);
    const success = sebsWorkflowIr(read('6200.trip-booking'), { memoryMb: 128, widths: {} });
    assert.deepEqual(edges(success), ['flight→confirm', 'hotel→rental', 'rental→flight']);
  });
});
