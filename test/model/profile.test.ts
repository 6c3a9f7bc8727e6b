import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { amdahlMedianMs, fitDurationModel } from '../../src/model/fit-duration-model.ts';
import { durationModel } from '../../src/model/duration-model.ts';
import { LAMBDA_LIMITS } from '../../src/model/platform.ts';
import { readProfile, writeProfile } from '../../src/model/profile.ts';
import type { MemoryMeasurement } from '../../src/model/profile-types.ts';
import { profileOf } from '../helpers/profile-builder.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dagc-profile-'));

function measured(memoryMb: number, medianMs: number): MemoryMeasurement {
  return { memoryMb, warmDurationsMs: [medianMs * 0.97, medianMs, medianMs * 1.03], coldDurationsMs: [], initDurationsMs: [180, 200, 220], maxMemoryUsedMb: 90, invocations: 3, errors: 0, timeouts: 0 };
}

describe('profiles and the duration model', () => {
  it('recovers the serial part, the parallel part and the useful vCPUs of an Amdahl curve', () => {
    const truth = { serialMs: 120, parallelMs: 2400, maxUsefulVcpu: 2 };
    const sizes = [128, 256, 512, 1024, 1769, 3008, 3538, 5307];
    const fit = fitDurationModel(sizes.map((m) => measured(m, amdahlMedianMs(truth, m))))!;
    assert.equal(fit.maxUsefulVcpu, 2);
    assert.ok(Math.abs(fit.serialMs - 120) < 1 && Math.abs(fit.parallelMs - 2400) < 5, JSON.stringify(fit));
    assert.ok(fit.fitErrorPct < 0.5);
    assert.equal(fit.initMs, 200);
  });

  it('predicts unmeasured sizes no faster than Amdahl\'s law to the next measured size, and never slower with more memory', () => {
    const profile = profileOf('f', { x86_64: { serialMs: 50, parallelMs: 900, maxUsefulVcpu: 1, measuredMb: [256, 1024, 3008] } });
    const model = durationModel(profile, 'x86_64')!;
    let previous = Infinity;
    for (let m = LAMBDA_LIMITS.minMemoryMb; m <= LAMBDA_LIMITS.maxMemoryMb; m += 64) {
      const q = model.quantile(m, 0.95);
      assert.ok(q <= previous + 1e-9);
      previous = q;
    }
    // The fit's plateau at 1 vCPU (1769 MB) lies between 1024 and 3008 MB, where nobody measured it: 1769 MB is
    // predicted as if the speed-up went on to 3008 MB, not at the fit's 950 ms.
    const t = (1769 / 1024 - 1) / (1769 / 1024 - 1769 / 3008);
    assert.ok(Math.abs(model.medianMs(1769) - ((1 - t) * model.medianMs(1024) + t * model.medianMs(3008))) < 1e-9);
    assert.ok(model.medianMs(1769) > 950);
  });

  it('writes deterministic bytes and reads them back', () => {
    const profile = profileOf('f', { x86_64: { serialMs: 10, parallelMs: 100 } });
    const file = path.join(dir, 'f.json');
    writeProfile(file, profile);
    const first = readFileSync(file, 'utf8');
    writeProfile(file, readProfile(file));
    assert.equal(readFileSync(file, 'utf8'), first);
  });

  it('keeps warm-up durations apart from the steady state, and still reads profiles written without them', () => {
    const file = path.join(dir, 'warmup.json');
    const withWarmup = profileOf('f', { x86_64: { serialMs: 10, parallelMs: 100, measuredMb: [512] } });
    withWarmup.architectures.x86_64!.measurements[0]!.warmupDurationsMs = [900, 400, 300];
    writeProfile(file, withWarmup);
    const read = readProfile(file);
    assert.deepEqual(read.architectures.x86_64!.measurements[0]!.warmupDurationsMs, [900, 400, 300]);
    // The steady state stays as measured; the predictor also counts the warm-up samples, corrected for
    // their position after the cold start (src/model/warmup-evidence.ts), so its numbers move.
    const withoutFile = path.join(dir, 'without-warmup.json');
    writeProfile(withoutFile, profileOf('f', { x86_64: { serialMs: 10, parallelMs: 100, measuredMb: [512] } }));
    const without = readProfile(withoutFile);
    assert.deepEqual(read.architectures.x86_64!.measurements[0]!.warmDurationsMs, without.architectures.x86_64!.measurements[0]!.warmDurationsMs);
    assert.notEqual(durationModel(read, 'x86_64')!.quantile(512, 0.95), durationModel(without, 'x86_64')!.quantile(512, 0.95));
    writeFileSync(file, JSON.stringify({ ...withWarmup, architectures: { x86_64: { measurements: [{ ...withWarmup.architectures.x86_64!.measurements[0]!, warmupDurationsMs: [-1] }] } } }));
    assert.throws(() => readProfile(file), (error) => isUserError(error) && error.diagnostics.some((d) => d.message.includes('warmupDurationsMs')));
  });

  it('rejects a profile that does not match the schema with the file and the JSON path (exit 2)', () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, function: 'f', source: { kind: 'guess', description: '' }, architectures: {} }));
    assert.throws(
      () => readProfile(file),
      (error) => isUserError(error) && error.diagnostics.some((d) => d.code === 'DAGC0101' && d.message.includes('/source/kind')),
    );
  });
});
