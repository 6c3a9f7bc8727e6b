// Reading an app's profiles: measurements that measured nothing, files that are folders, and which
// functions' profiles are read or missing (src/model/profile.ts).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isUserError, type Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { parseProfile, profilePath, readProfile, readProfiles, writeProfile } from '../../src/model/profile.ts';
import { median } from '../../src/model/fit-duration-model.ts';
import type { MemoryMeasurement } from '../../src/model/profile-types.ts';
import { functionInfo, irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

function diagnosticsOf(run: () => unknown): Diagnostic[] {
  try {
    run();
  } catch (error) {
    if (isUserError(error)) return error.diagnostics;
    throw error;
  }
  assert.fail('no user error');
}

function measurement(memoryMb: number, lists: Partial<MemoryMeasurement>): MemoryMeasurement {
  return { memoryMb, warmDurationsMs: [], coldDurationsMs: [], initDurationsMs: [], maxMemoryUsedMb: 80, invocations: 1, errors: 0, timeouts: 0, ...lists };
}

function profileText(architectures: Record<string, MemoryMeasurement[]>): string {
  const entries = Object.fromEntries(Object.entries(architectures).map(([arch, measurements]) => [arch, { measurements }]));
  return JSON.stringify({ schemaVersion: 1, function: 'f', source: { kind: 'provisional', description: 'test' }, architectures: entries });
}

describe('reading profiles', () => {
  it('refuses measurements with no duration or only zero durations, each at its JSON path, architectures in name order', () => {
    const text = profileText({
      x86_64: [measurement(512, { warmDurationsMs: [100] }), measurement(1024, {})],
      arm64: [measurement(256, { warmDurationsMs: [0, 0], warmupDurationsMs: [0], coldDurationsMs: [0] })],
    });
    const diagnostics = diagnosticsOf(() => parseProfile('p.json', text));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message]),
      [
        ['DAGC0101', 'profile p.json at /architectures/arm64/measurements/0: every duration at 256 MB is 0 ms, which no invocation takes'],
        ['DAGC0101', 'profile p.json at /architectures/x86_64/measurements/1: no durations at 1024 MB (warm, warm-up and cold lists are all empty)'],
      ],
    );
  });

  it('takes a measurement with a single non-zero duration in any list, and sorts measurements by memory', () => {
    const profile = parseProfile('p.json', profileText({ x86_64: [measurement(2048, { warmDurationsMs: [0, 50] }), measurement(256, { coldDurationsMs: [900] }), measurement(1024, { warmupDurationsMs: [0, 3] })] }));
    assert.deepEqual(profile.architectures.x86_64!.measurements.map((m) => m.memoryMb), [256, 1024, 2048]);
  });

  it('says a profile that is not JSON is not JSON (DAGC0100)', () => {
    const [d] = diagnosticsOf(() => parseProfile('p.json', '{"schemaVersion": 1,'));
    assert.equal(d!.code, 'DAGC0100');
    assert.match(d!.message, /^cannot read profile p\.json: not JSON \(.+\)$/);
  });

  it('says a profile path that is a folder is a folder, and a missing one is missing (DAGC0100)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-profile-read-'));
    mkdirSync(path.join(dir, 'folder.json'));
    const [folder] = diagnosticsOf(() => readProfile(path.join(dir, 'folder.json')));
    assert.equal(folder!.code, 'DAGC0100');
    assert.match(folder!.message, /folder\.json: it is a folder$/);
    const [missing] = diagnosticsOf(() => readProfile(path.join(dir, 'missing.json')));
    assert.match(missing!.message, /missing\.json: no such file$/);
  });

  it('reads the profiles of an app\'s functions, lists the missing ones a step runs, and ignores missing ones no step runs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-profile-read-'));
    // Steps a and b run functions a and b; function idle is declared but no step runs it.
    const ir = { ...irOf({ a: [], b: ['a'] }), baseDir: dir };
    ir.functions.set('idle', functionInfo('idle'));
    assert.equal(profilePath(ir, 'a'), path.join(dir, 'profiles', 'a.json'));
    writeProfile(profilePath(ir, 'a'), profileOf('a', { x86_64: { serialMs: 1, parallelMs: 10 } }));
    const { profiles, missing } = readProfiles(ir);
    assert.deepEqual([...profiles.keys()], ['a']);
    assert.equal(profiles.get('a')!.function, 'a');
    assert.deepEqual(missing, ['b']);
    // A profile for a function no step runs is still read when present.
    writeProfile(profilePath(ir, 'idle'), profileOf('idle', { x86_64: { serialMs: 1, parallelMs: 10 } }));
    writeProfile(profilePath(ir, 'b'), profileOf('b', { x86_64: { serialMs: 1, parallelMs: 10 } }));
    const again = readProfiles(ir);
    assert.deepEqual([...again.profiles.keys()], ['a', 'b', 'idle']);
    assert.deepEqual(again.missing, []);
  });

  it('reads an app\'s profiles together: a function with few cold samples gets the others\' as its prior, and its file is left as written', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-profile-read-'));
    const ir = { ...irOf({ a: [], b: ['a'] }), baseDir: dir };
    const withCold = (name: string, coldTimes: number) => {
      const p = profileOf(name, { x86_64: { serialMs: 1, parallelMs: 10 } });
      for (const m of p.architectures.x86_64!.measurements) m.coldDurationsMs = Array(coldTimes).fill(4 * median(m.warmDurationsMs));
      return p;
    };
    writeProfile(profilePath(ir, 'a'), withCold('a', 8));
    writeProfile(profilePath(ir, 'b'), withCold('b', 0));
    const { profiles } = readProfiles(ir);
    assert.equal(profiles.get('a')!.architectures.x86_64!.coldPrior, undefined, 'enough cold samples of its own');
    const prior = profiles.get('b')!.architectures.x86_64!.coldPrior!;
    assert.equal(prior.functions, 1);
    assert.equal(prior.samples, 8 * profiles.get('a')!.architectures.x86_64!.measurements.filter((m) => m.warmDurationsMs.length > 0).length);
    assert.ok(Math.abs(prior.medianLogRatio - Math.log(4)) < 1e-9, `${prior.medianLogRatio}`);
    assert.equal(readProfile(profilePath(ir, 'b')).architectures.x86_64!.coldPrior, undefined);
  });

  it('refuses a profile file written for another function (DAGC0102)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-profile-read-'));
    const ir = { ...irOf({ a: [] }), baseDir: dir };
    writeProfile(profilePath(ir, 'a'), profileOf('other', { x86_64: { serialMs: 1, parallelMs: 10 } }));
    const [d] = diagnosticsOf(() => readProfiles(ir));
    assert.equal(d!.code, 'DAGC0102');
    assert.match(d!.message, /is for function 'other', not 'a'/);
  });
});
