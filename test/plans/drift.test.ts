// The CI gate on plans: regenerating every fixture's plan must reproduce the
// committed plans/ byte for byte. A change in the optimizer, the estimator or a
// profile shows up here, to be reviewed and committed with `npm run plans`.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const fixtures = readdirSync(path.join(projectRoot, 'fixtures'))
  .filter((app) => existsSync(path.join(projectRoot, 'fixtures', app, 'profiles')))
  .sort();

describe('committed plans', function () {
  this.timeout(300_000);
  const outRoot = mkdtempSync(path.join(tmpdir(), 'dagc-plans-'));

  for (const app of fixtures) {
    it(`plans/${app}/plan.json is what dagc optimize writes today`, async () => {
      const out = path.join(outRoot, app);
      const silent = { stdout: () => {}, stderr: () => {} };
      const code = await main(['node', 'dagc', 'optimize', path.join(projectRoot, 'fixtures', app, 'app.yaml'), '--out', out], silent);
      assert.equal(code, 0, `${app}: dagc optimize exited ${code}`);
      const committed = path.join(projectRoot, 'plans', app, 'plan.json');
      assert.ok(existsSync(committed), `plans/${app}/plan.json is not committed; run npm run plans`);
      const fresh = readFileSync(path.join(out, 'plan.json'), 'utf8').replace(/"appFile": "[^"]*"/, '"appFile": "-"');
      const expected = readFileSync(committed, 'utf8').replace(/"appFile": "[^"]*"/, '"appFile": "-"');
      assert.ok(fresh === expected, `plans/${app}/plan.json drifted; review the change and run npm run plans`);
    });
  }
});
