import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isUserError, type Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { readProfile, serializeProfile, writeProfile } from '../../src/model/profile.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { profileOf } from '../helpers/profile-builder.ts';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dagc-profile-'));

function diagnosticsOf(run: () => unknown): Diagnostic[] {
  try {
    run();
  } catch (error) {
    if (isUserError(error)) return error.diagnostics;
    throw error;
  }
  assert.fail('no user error');
}

/** The same object with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
  return value;
}

describe('profiles on disk', () => {
  it('write the same bytes whatever the key order, and read back what was written (to 10 significant digits)', () => {
    const profile = profileOf('encode', { x86_64: { serialMs: 20, parallelMs: 300 }, arm64: { serialMs: 25, parallelMs: 280 } });
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    writeProfile(a, profile);
    writeProfile(b, reversedKeys(profile) as FunctionProfile);
    assert.equal(readFileSync(a, 'utf8'), readFileSync(b, 'utf8'));
    const back = readProfile(a);
    const durations = (p: FunctionProfile) => p.architectures.x86_64!.measurements.flatMap((m) => m.warmDurationsMs);
    durations(profile).forEach((d, i) => assert.ok(Math.abs(durations(back)[i]! - d) <= 1e-9 * d));
    assert.equal(serializeProfile(readProfile(a)), readFileSync(a, 'utf8'));
  });

  it('refuse a profile that breaks the schema, naming the file and the JSON path (DAGC0101)', () => {
    const file = path.join(dir, 'bad.json');
    const profile = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1 } }) as unknown as { architectures: { x86_64: { measurements: Array<Record<string, unknown>> } } };
    profile.architectures.x86_64.measurements[1]!['memoryMb'] = 64;
    writeFileSync(file, JSON.stringify(profile));
    const [d] = diagnosticsOf(() => readProfile(file));
    assert.equal(d!.code, 'DAGC0101');
    assert.match(d!.message, /bad\.json at \/architectures\/x86_64\/measurements\/1\/memoryMb: must be >= 128/);
    assert.match(d!.hint ?? '', /profile\.schema\.json/);
  });

  it('refuse a file that is not JSON or does not exist (DAGC0100)', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{"schemaVersion": 1,');
    assert.equal(diagnosticsOf(() => readProfile(file))[0]!.code, 'DAGC0100');
    assert.equal(diagnosticsOf(() => readProfile(path.join(dir, 'missing.json')))[0]!.code, 'DAGC0100');
  });

  it('make dagc simulate exit 2 with the diagnostic when an app\'s profile is invalid', async () => {
    let stderr = '';
    const io = { stdout: () => {}, stderr: (text: string) => void (stderr += text) };
    const app = path.join(dir, 'app');
    writeProfile(path.join(app, 'profiles', 'f.json'), profileOf('f', { x86_64: { serialMs: 1, parallelMs: 100 } }));
    writeFileSync(path.join(app, 'app.yaml'), 'name: t\nfunctions:\n  f: { memory: 512 }\nsteps:\n  a: { function: f }\n');
    assert.equal(await main(['node', 'dagc', 'simulate', path.join(app, 'app.yaml'), '--samples', '50'], io), 0, stderr);
    const text = readFileSync(path.join(app, 'profiles', 'f.json'), 'utf8').replace('"schemaVersion": 1', '"schemaVersion": 7');
    writeFileSync(path.join(app, 'profiles', 'f.json'), text);
    assert.equal(await main(['node', 'dagc', 'simulate', path.join(app, 'app.yaml')], io), 2);
    assert.match(stderr, /DAGC0101 profile .*f\.json at \/schemaVersion/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});
