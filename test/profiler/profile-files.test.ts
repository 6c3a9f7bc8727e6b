import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readProfile } from '../../src/model/profile.ts';
import { PROFILE_SCHEMA_VERSION, type FunctionProfile, type MemoryMeasurement } from '../../src/model/profile-types.ts';
import { saveProfile, withFittedModels } from '../../src/profiler/profile-files.ts';

function measurement(memoryMb: number, warm: number[], cold: number[] = []): MemoryMeasurement {
  return { memoryMb, warmDurationsMs: warm, coldDurationsMs: cold, initDurationsMs: cold.map(() => 150), maxMemoryUsedMb: 70, invocations: warm.length + cold.length, errors: 0, timeouts: 0 };
}

function profile(architectures: FunctionProfile['architectures']): FunctionProfile {
  return { schemaVersion: PROFILE_SCHEMA_VERSION, function: 'f', source: { kind: 'emulator', description: 'test' }, architectures };
}

describe('profile files', () => {
  it('fits the model on sizes with warm samples, not on a probe seen only cold', () => {
    const warmOnly = [measurement(128, [1400, 1410]), measurement(512, [350, 352]), measurement(2048, [100, 101])];
    const withProbe = [...warmOnly, measurement(1769, [], [900])];
    const fitted = withFittedModels(profile({ x86_64: { measurements: withProbe } })).architectures.x86_64!;
    const reference = withFittedModels(profile({ x86_64: { measurements: warmOnly } })).architectures.x86_64!;
    assert.deepEqual(fitted.model, reference.model);
    assert.equal(fitted.measurements.length, 4, 'the cold-only size stays in the profile');
  });

  it('keeps the other architecture of an existing profile, and replaces an unreadable one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-profile-files-'));
    saveProfile(dir, withFittedModels(profile({ arm64: { measurements: [measurement(1024, [80, 82])] } })));
    const file = saveProfile(dir, withFittedModels(profile({ x86_64: { measurements: [measurement(1024, [100, 101])] } })));
    assert.deepEqual(Object.keys(readProfile(file).architectures).sort(), ['arm64', 'x86_64']);
    writeFileSync(file, '{ not json');
    saveProfile(dir, withFittedModels(profile({ x86_64: { measurements: [measurement(1024, [100, 101])] } })));
    assert.deepEqual(Object.keys(readProfile(file).architectures), ['x86_64']);
  });
});
