import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { amdahlMedianMs, median } from '../../src/model/fit-duration-model.ts';
import { parseProfile } from '../../src/model/profile.ts';
import { profileFromSebsCsv } from '../../src/profiler/from-sebs-csv.ts';
import { sebsProfiles } from '../../scripts/import-sebs-curves.ts';

const HEADER = 'memory,type,is_cold,exec_time,connection_time,client_time,provider_time,mem_used';

function codesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (isUserError(error)) return error.diagnostics.map((d) => `${d.code}@${d.position?.line}:${d.position?.column}`);
    throw error;
  }
  assert.fail('no user error');
}

describe('profileFromSebsCsv', () => {
  it('takes durations from provider_time in ms, per size and warm/cold, in file order', () => {
    const csv = [
      HEADER,
      '512,warm,False,550000,0.4,1100000,551880,130.0',
      '256,warm,False,900000,0.4,1500000,901000,120.0',
      '512,cold,True,2400000,0.4,3500000,2400500,125.0',
      '512,warm,False,500000,0.4,1000000,500120,',
      '512,warm,False,520000,0.4,1040000,520000,140.0',
    ].join('\n');
    const profile = profileFromSebsCsv('r.csv', csv, { functionName: 'thumb', description: 'test' });
    const [m256, m512] = profile.architectures.x86_64!.measurements;
    assert.deepEqual(m256!.warmDurationsMs, [901]);
    assert.equal(m512!.memoryMb, 512);
    assert.deepEqual(m512!.warmDurationsMs, [551.88, 500.12, 520]);
    assert.deepEqual(m512!.coldDurationsMs, [2400.5]);
    assert.equal(m512!.maxMemoryUsedMb, 140);
    assert.equal(m512!.invocations, 4);
    assert.equal(profile.source.kind, 'csv');
  });

  it('estimates each cold invocation\'s init as its client overhead minus the median warm overhead at that size', () => {
    // Warm overheads (client − provider): 548120, 499880, 520000 µs → median 520000 µs.
    const csv = [
      HEADER,
      '512,warm,False,0,0,1100000,551880,130',
      '512,warm,False,0,0,1000000,500120,130',
      '512,warm,False,0,0,1040000,520000,130',
      '512,cold,True,0,0,3500000,2400000,125', // overhead 1100000 → init 580 ms
      '512,cold,True,0,0,2700000,2300000,125', // overhead 400000 → below the warm overhead → 0
      '1024,cold,True,0,0,2000000,1000000,125', // no warm rows at 1024: no init estimate
    ].join('\n');
    const [m512, m1024] = profileFromSebsCsv('r.csv', csv, { functionName: 'f', description: 'test' }).architectures.x86_64!.measurements;
    assert.deepEqual(m512!.initDurationsMs, [580, 0]);
    assert.deepEqual(m1024!.initDurationsMs, []);
  });

  it('reports a missing column (DAGC0106), bad cells with line and column (DAGC0107), and an empty file (DAGC0108)', () => {
    assert.deepEqual(codesOf(() => profileFromSebsCsv('r.csv', 'memory,type\n512,warm', { functionName: 'f', description: '' })), ['DAGC0106@1:1']);
    const bad = [HEADER, '512,warm,False,0,0,1000,900,100', '100,warm,False,0,0,1000,900,100', '512,lukewarm,False,0,0,1000,900,100', '512,warm,False,0,0,1000,-5,100'].join('\n');
    assert.deepEqual(codesOf(() => profileFromSebsCsv('r.csv', bad, { functionName: 'f', description: '' })), ['DAGC0107@3:1', 'DAGC0107@4:5', 'DAGC0107@5:25']);
    assert.deepEqual(codesOf(() => profileFromSebsCsv('r.csv', `${HEADER}\n`, { functionName: 'f', description: '' })), ['DAGC0108@1:1']);
  });

  it('gives sebs-thumbnail-compress valid profiles whose fit follows the measured medians', () => {
    const expected: Record<string, { sizes: number[]; maxFitErrorPct: number }> = {
      thumbnail: { sizes: [128, 256, 512, 1024, 2048, 3008], maxFitErrorPct: 2 },
      compress: { sizes: [256, 512, 1024, 1536, 2048, 3008], maxFitErrorPct: 5 },
    };
    for (const text of sebsProfiles().values()) {
      const profile = parseProfile('generated.json', text);
      const want = expected[profile.function]!;
      const arch = profile.architectures.x86_64!;
      assert.deepEqual(arch.measurements.map((m) => m.memoryMb), want.sizes);
      const model = arch.model!;
      assert.ok(model.fitErrorPct < want.maxFitErrorPct, `${profile.function}: fit error ${model.fitErrorPct} %`);
      for (const m of arch.measurements) {
        assert.ok(m.warmDurationsMs.length >= 200 && m.coldDurationsMs.length >= 200, `${m.memoryMb} MB samples`);
        const measured = median(m.warmDurationsMs);
        assert.ok(Math.abs(amdahlMedianMs(model, m.memoryMb) - measured) / measured < 0.15, `${profile.function} ${m.memoryMb} MB`);
      }
      assert.ok(model.parallelMs > 0 && model.initMs > 0, `${profile.function} speeds up with memory and has an init`);
    }
  });

  it('keeps the committed sebs-thumbnail-compress profiles byte-identical to the conversion of its CSVs', () => {
    for (const [file, text] of sebsProfiles()) assert.ok(readFileSync(file, 'utf8') === text, `${file} drifted; run npx tsx scripts/import-sebs-curves.ts`);
  });
});
