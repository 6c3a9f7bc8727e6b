// Converts the SeBS duration-vs-memory CSVs kept in
// fixtures/sebs-thumbnail-compress/data/ into that fixture's profiles
// (src/profiler/from-sebs-csv.ts says what maps to what):
//   npx tsx scripts/import-sebs-curves.ts          writes profiles/*.json
//   npx tsx scripts/import-sebs-curves.ts --check  exits 1 if they differ
// The fixture test runs the same conversion and compares bytes, so the
// committed profiles cannot drift from the data or the converter.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { profileFromSebsCsv } from '../src/profiler/from-sebs-csv.ts';
import { serializeProfile, writeProfile } from '../src/model/profile.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SEBS_FIXTURE_DIR = path.join(root, 'fixtures', 'sebs-thumbnail-compress');

const ORIGIN =
  'spcl/serverless-benchmarks-artifact @ 22e8134ca789a54cffd789265303c17d5a0536db, ' +
  'data/performance/aws_perf_cost/{benchmark}/perf-cost/result.csv (SeBS, Copik et al., Middleware 2021; research data, suite BSD 3-Clause)';
const CONVERSION =
  'durations are provider_time (the Duration AWS reported) in ms; init durations are estimated per cold invocation as its client-side overhead minus the median warm overhead at that size; ' +
  'measured on AWS Lambda x86_64 in 2020 (region not recorded); converted by scripts/import-sebs-curves.ts';

const IMPORTS = [
  { functionName: 'thumbnail', csv: 'sebs2020-210_node.csv', benchmark: '210_node', what: 'SeBS 210.thumbnailer (Node.js; resizes an image from storage)' },
  { functionName: 'compress', csv: 'sebs2020-311.csv', benchmark: '311', what: 'SeBS 311.compression (Python; zips a directory from storage)' },
] as const;

/** profile file → the bytes the conversion produces today. */
export function sebsProfiles(fixtureDir = SEBS_FIXTURE_DIR): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of IMPORTS) {
    const csvFile = path.join(fixtureDir, 'data', item.csv);
    const profile = profileFromSebsCsv(csvFile, readFileSync(csvFile, 'utf8'), {
      functionName: item.functionName,
      description: `${item.what}: measured on AWS Lambda, from ${ORIGIN.replace('{benchmark}', item.benchmark)}; ${CONVERSION}`,
    });
    out.set(path.join(fixtureDir, 'profiles', `${item.functionName}.json`), serializeProfile(profile));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, text] of sebsProfiles()) {
    const same = existsSync(file) && readFileSync(file, 'utf8') === text;
    if (check) {
      if (!same) stale += 1;
      console.log(`${path.relative(root, file)}: ${same ? 'up to date' : 'differs'}`);
    } else {
      writeProfile(file, JSON.parse(text));
      const model = JSON.parse(text).architectures.x86_64.model;
      console.log(`${path.relative(root, file)}: fit error ${model.fitErrorPct.toFixed(1)} % (serial ${model.serialMs.toFixed(0)} ms, parallel ${model.parallelMs.toFixed(0)} ms, up to ${model.maxUsefulVcpu} vCPU, sigma ${model.sigma.toFixed(3)}, init ${model.initMs.toFixed(0)} ms)`);
    }
  }
  process.exitCode = stale > 0 ? 1 : 0;
}
