// parseProfile's empty-measurement problems come in architecture name order whatever order the file
// lists them in (profile-read.test.ts lists x86_64 first; this file lists arm64 first).
import assert from 'node:assert/strict';
import { isUserError, type Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { parseProfile, readProfiles } from '../../src/model/profile.ts';
import { irOf } from '../helpers/ir-builder.ts';

function diagnosticsOf(run: () => unknown): Diagnostic[] {
  try {
    run();
  } catch (error) {
    if (isUserError(error)) return error.diagnostics;
    throw error;
  }
  assert.fail('no user error');
}

describe('reading profiles (mutants)', () => {
  it('reports arm64 before x86_64 when the file lists arm64 first', () => {
    const empty = (memoryMb: number) => ({ memoryMb, warmDurationsMs: [], coldDurationsMs: [], initDurationsMs: [], maxMemoryUsedMb: 80, invocations: 1, errors: 0, timeouts: 0 });
    const text = JSON.stringify({
      schemaVersion: 1,
      function: 'f',
      source: { kind: 'provisional', description: 'test' },
      architectures: { arm64: { measurements: [empty(256)] }, x86_64: { measurements: [empty(512)] } },
    });
    assert.deepEqual(
      diagnosticsOf(() => parseProfile('p.json', text)).map((d) => d.message),
      [
        'profile p.json at /architectures/arm64/measurements/0: no durations at 256 MB (warm, warm-up and cold lists are all empty)',
        'profile p.json at /architectures/x86_64/measurements/0: no durations at 512 MB (warm, warm-up and cold lists are all empty)',
      ],
    );
  });
  it('lists the functions missing a profile in name order, whatever order the IR holds them in', () => {
    // /virtual has no profiles: every function a step runs is missing.
    const ir = irOf({ zeta: [], alpha: ['zeta'], mid: ['alpha'] });
    assert.deepEqual([...ir.functions.keys()], ['zeta', 'alpha', 'mid'], 'precondition: IR order is not name order');
    assert.deepEqual(readProfiles(ir).missing, ['alpha', 'mid', 'zeta']);
  });
});
