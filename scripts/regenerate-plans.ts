// `npm run plans`: regenerates plans/<app>/plan.json for every fixture that
// has profiles, at the SLO its app.yaml states, with the default estimator
// settings, renders the plan's template.yaml (SAM) beside it, and hashes
// its function packages into functions/SHA256SUMS when there are any. CI
// regenerates them too (test/plans/drift.test.ts, test/codegen/sam) and fails
// when the committed ones differ: a change in the optimizer shows up as a diff.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = process.argv[2] ?? path.join(root, 'plans');

export function fixturesWithProfiles(): string[] {
  return readdirSync(path.join(root, 'fixtures'))
    .filter((app) => existsSync(path.join(root, 'fixtures', app, 'app.yaml')) && existsSync(path.join(root, 'fixtures', app, 'profiles')))
    .sort();
}

let failed = 0;
for (const app of fixturesWithProfiles()) {
  const code = await main(['node', 'dagc', 'optimize', path.join(root, 'fixtures', app, 'app.yaml'), '--out', path.join(outRoot, app)], {
    stdout: () => {},
    stderr: (text) => process.stderr.write(`${app}: ${text}`),
  });
  console.log(`${app}: exit ${code}`);
  // optimize writes everything a plan folder holds (plan.json, the ASL, functions/, template.yaml, SHA256SUMS).
  if (code === 2) failed += 1;
}
process.exitCode = failed > 0 ? 2 : 0;
