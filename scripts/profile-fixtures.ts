// `npm run profile-fixtures [-- <app> …]`: measures every fixture function that
// has a handler on the local emulator with `dagc profile --local` (adaptive
// sampling), which replaces fixtures/<app>/profiles/<function>.json. Functions
// without a handler (profile-only fixtures whose curves were measured on real
// AWS, e.g. sebs-thumbnail-compress) are left alone: AWS data beats emulator
// data. Functions that need an accelerator are skipped by the profiler (Lambda
// has none) and keep the profile they have. Run `npm run plans` afterwards:
// new profiles move the plans. Emulator timings follow host load; the load
// average is written into each profile's source — check `uptime` first.
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';
import { loadAppIr } from '../src/ir/load-app.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requested = process.argv.slice(2);
const apps = readdirSync(path.join(root, 'fixtures'))
  .filter((app) => existsSync(path.join(root, 'fixtures', app, 'app.yaml')))
  .filter((app) => requested.length === 0 || requested.includes(app))
  .sort();

let failed = 0;
for (const app of apps) {
  const appFile = path.join(root, 'fixtures', app, 'app.yaml');
  const runnable = [...loadAppIr(appFile).functions].filter(([, fn]) => fn.handlerPath !== undefined).map(([name]) => name).sort();
  if (runnable.length === 0) {
    console.error(`${app}: no handlers; its profiles are kept (not measured on the emulator)`);
    continue;
  }
  const status = await main(['node', 'dagc', 'profile', appFile, '--local', '--only', runnable.join(',')]);
  if (status !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
