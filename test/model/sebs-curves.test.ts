// The sebs-thumbnail-compress profiles are SeBS's AWS Lambda measurements run
// through scripts/import-sebs-curves.ts: the committed files must be exactly
// what the script produces, and the fitted model must follow the measured
// medians. Needs the shared CSVs; skipped where they are absent.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { amdahlMedianMs, median } from '../../src/model/fit-duration-model.ts';
import { readProfile } from '../../src/model/profile.ts';

const dataDir = '/work/shared/fixtures-data/memory-curves';
const fixtureDir = 'fixtures/sebs-thumbnail-compress/profiles';
const cases = [
  { fn: 'thumbnail', csv: 'sebs2020-210_node.csv', sizes: [128, 256, 512, 1024, 2048, 3008], maxFitErrorPct: 2 },
  { fn: 'compress', csv: 'sebs2020-311.csv', sizes: [256, 512, 1024, 1536, 2048, 3008], maxFitErrorPct: 5 },
];

describe('SeBS memory-curve profiles', function () {
  let outDir: string;
  before(function () {
    if (!existsSync(dataDir)) this.skip();
    outDir = mkdtempSync(path.join(tmpdir(), 'sebs-curves-'));
  });
  after(() => outDir && rmSync(outDir, { recursive: true, force: true }));

  for (const c of cases) {
    it(`${c.fn}: committed profile is byte-equal to the script's output`, () => {
      const out = path.join(outDir, `${c.fn}.json`);
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/import-sebs-curves.ts', path.join(dataDir, c.csv), c.fn, out], { stdio: 'pipe' });
      assert.equal(readFileSync(out, 'utf8'), readFileSync(path.join(fixtureDir, `${c.fn}.json`), 'utf8'));
    });

    it(`${c.fn}: validates, and the fit follows the measured medians`, () => {
      const profile = readProfile(path.join(fixtureDir, `${c.fn}.json`));
      assert.equal(profile.function, c.fn);
      assert.equal(profile.source.kind, 'csv');
      const arch = profile.architectures.x86_64!;
      assert.deepEqual(arch.measurements.map((m) => m.memoryMb), c.sizes);
      const model = arch.model!;
      assert.ok(model.fitErrorPct < c.maxFitErrorPct, `fit error ${model.fitErrorPct}`);
      for (const m of arch.measurements) {
        assert.ok(m.warmDurationsMs.length >= 200 && m.coldDurationsMs.length >= 200, `${m.memoryMb} MB samples`);
        const measured = median(m.warmDurationsMs);
        const fitted = amdahlMedianMs(model, m.memoryMb);
        assert.ok(Math.abs(fitted - measured) / measured < 0.15, `${m.memoryMb} MB: fitted ${fitted} vs measured ${measured}`);
      }
      // More memory never makes the fitted median slower, from 128 MB to 10 GB.
      for (let mb = 128; mb < 10240; mb += 64) assert.ok(amdahlMedianMs(model, mb + 64) <= amdahlMedianMs(model, mb) + 1e-9, `${mb} MB`);
      assert.ok(model.initMs > 0);
    });
  }
});
