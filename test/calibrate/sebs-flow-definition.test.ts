import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSebsDefinition, readSebsDefinition, sebsFunctions, type SebsChain } from '../../src/calibrate/sebs-flow-definition.ts';
import { isUserError, type Diagnostic } from '../../src/diagnostics/diagnostic.ts';

const definitions = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/sebs-flow/definitions');
const read = (benchmark: string) => readSebsDefinition(path.join(definitions, `${benchmark}.definition.json`));

/** A chain in one line: task f, map[f], loop(f), par{a | b}. */
function shape(chain: SebsChain): string {
  return chain
    .map((s) => {
      const failure = s.onFailure ? ` !${shape(s.onFailure)}` : '';
      if (s.kind === 'task') return `${s.functionName}${failure}`;
      if (s.kind === 'loop') return `loop(${s.functionName})${failure}`;
      if (s.kind === 'map') return `map[${shape(s.body)}]${failure}`;
      return `par{${s.branches.map(shape).join(' | ')}}${failure}`;
    })
    .join(' → ');
}

function diagnosticsOf(text: string): Diagnostic[] {
  try {
    parseSebsDefinition(text, 'wf.json', 'wf');
  } catch (error) {
    if (isUserError(error)) return error.diagnostics;
    throw error;
  }
  assert.fail('expected a user error');
}

describe('SeBS-Flow definitions: the structure of the traced workflows', () => {
  it('reads map-reduce as split, a map, shuffle, a map', () => {
    assert.equal(shape(read('660.map-reduce').chain), 'split → map[map] → shuffle → map[reduce]');
  });

  it('reads excamera\'s rebase as a loop (one invocation after another)', () => {
    assert.equal(shape(read('680.excamera').chain), 'split → map[encode] → map[reencode] → loop(rebase)');
  });

  it('reads 1000-genome\'s parallels, one of them of two maps', () => {
    assert.equal(shape(read('6100.1000-genome').chain), 'map[individuals] → par{individuals_merge | sifting} → par{map[frequency] | map[mutation_overlap]}');
  });

  it('reads trip-booking\'s compensations as failure chains', () => {
    assert.equal(
      shape(read('6200.trip-booking').chain),
      'reserve_hotel → reserve_rental !cancel_hotel → reserve_flight !cancel_rental → cancel_hotel → confirm !cancel_flight → cancel_rental → cancel_hotel',
    );
    assert.deepEqual([...sebsFunctions(read('6200.trip-booking')).keys()].sort(), ['cancel_flight', 'cancel_hotel', 'cancel_rental', 'confirm', 'reserve_flight', 'reserve_hotel', 'reserve_rental']);
  });

  it('points at a switch state, which it does not read (DAGC0111 at the state\'s type)', () => {
    const text = '{\n  "root": "s",\n  "states": {\n    "s": { "type": "switch", "cases": [] }\n  }\n}';
    const [d] = diagnosticsOf(text);
    assert.equal(d!.code, 'DAGC0111');
    assert.deepEqual(d!.position, { file: 'wf.json', line: 4, column: 12 });
    assert.match(d!.message, /\$\.states\.s\.type/);
  });

  it('reports a cycle, a dangling next and a task without func_name, all at once', () => {
    const text = JSON.stringify({ root: 'a', states: { a: { type: 'task', func_name: 'f', next: 'b' }, b: { type: 'task', next: 'a' }, c: { type: 'map', root: 'x', states: {}, next: 'zz' } } });
    const found = diagnosticsOf(text).map((d) => d.message);
    assert.equal(found.length, 2, found.join('\n'));
    assert.ok(found.some((m) => /func_name/.test(m)));
    assert.ok(found.some((m) => /leads back to itself/.test(m)));
  });

  it('reports malformed JSON with its position (DAGC0110)', () => {
    const [d] = diagnosticsOf('{ "root": "a", }');
    assert.equal(d!.code, 'DAGC0110');
    assert.equal(d!.position!.line, 1);
  });
});
