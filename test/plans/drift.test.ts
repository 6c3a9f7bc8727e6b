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

/** Every file under a plan folder except plan.json (and template.yaml, the SAM emitter's), sorted, relative. */
function emittedFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; name: string; parentPath: string }>)
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => file !== 'plan.json' && file !== 'template.yaml')
    .sort();
}

describe('committed plans', function () {
  this.timeout(300_000);
  const outRoot = mkdtempSync(path.join(tmpdir(), 'dagc-plans-'));

  for (const app of fixtures) {
    it(`plans/${app}/ (plan.json, statemachine.asl.json, functions/) is what dagc optimize writes today`, async () => {
      const out = path.join(outRoot, app);
      const silent = { stdout: () => {}, stderr: () => {} };
      const code = await main(['node', 'dagc', 'optimize', path.join(projectRoot, 'fixtures', app, 'app.yaml'), '--out', out], silent);
      assert.equal(code, 0, `${app}: dagc optimize exited ${code}`);
      const committed = path.join(projectRoot, 'plans', app, 'plan.json');
      assert.ok(existsSync(committed), `plans/${app}/plan.json is not committed; run npm run plans`);
      const fresh = readFileSync(path.join(out, 'plan.json'), 'utf8').replace(/"appFile": "[^"]*"/, '"appFile": "-"');
      const expected = readFileSync(committed, 'utf8').replace(/"appFile": "[^"]*"/, '"appFile": "-"');
      assert.ok(fresh === expected, `plans/${app}/plan.json drifted; review the change and run npm run plans`);
      // What dagc emits beside plan.json (statemachine.asl.json, functions/*/index.mjs) must not drift either.
      for (const file of emittedFiles(out)) {
        const committedFile = path.join(projectRoot, 'plans', app, file);
        assert.ok(existsSync(committedFile), `plans/${app}/${file} is not committed; run npm run plans`);
        assert.ok(readFileSync(path.join(out, file), 'utf8') === readFileSync(committedFile, 'utf8'), `plans/${app}/${file} drifted; review the change and run npm run plans`);
      }
      assert.deepEqual(emittedFiles(path.join(projectRoot, 'plans', app)).filter((f) => !f.startsWith('history')), emittedFiles(out), `plans/${app} holds emitted files dagc no longer writes; run npm run plans`);
    });
  }
});
